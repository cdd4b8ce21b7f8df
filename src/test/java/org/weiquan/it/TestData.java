package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Fresh, fictional parties for each test, so that tests sharing a database never see each other's people. */
public final class TestData {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SURNAMES = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜";
    private static final String GIVEN = "秀英桂兰玉梅凤丽淑珍静敏燕艳娟霞芳琳雪婷慧颖佳欣悦琪萱茹岚";

    private TestData() {
    }

    public static String mobile() {
        return "1" + (3 + RANDOM.nextInt(7)) + String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }

    /** A three-character name unlikely to have been used before in the test database. */
    public static String name() {
        return "" + SURNAMES.charAt(RANDOM.nextInt(SURNAMES.length())) + GIVEN.charAt(RANDOM.nextInt(GIVEN.length()))
                + GIVEN.charAt(RANDOM.nextInt(GIVEN.length()));
    }

    /** A resident identity number with a valid check digit (GB 11643) and a random birth date. */
    public static String idNumber() {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(RANDOM.nextInt(15000));
        String body = "110105" + birth.toString().replace("-", "") + String.format("%03d", RANDOM.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    public static String hoursAgo(int hours) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(hours).toString();
    }

    public static JsonObjectBuilder contact(String stationCode, String channel, String category) {
        return Json.createObjectBuilder()
                .add("stationCode", stationCode).add("channel", channel).add("receivedAt", hoursAgo(3))
                .add("summary", "测试登记：" + category).add("primaryCategory", category);
    }

    public static JsonObjectBuilder party(String role, String name, String... phones) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String p : phones) {
            list.add(Json.createObjectBuilder().add("number", p).add("safeToContact", true));
        }
        return Json.createObjectBuilder().add("role", role).add("name", name).add("phones", list);
    }
}
