package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Fresh, fictional parties for each test, so that tests sharing a database never see each other's people. */
public final class TestData {

    private static final SecureRandom RANDOM = new SecureRandom();
    /*
     * Each position's characters have readings of their own, all starting with a consonant (no 安 an, no 恩 en), so
     * that two names read alike only if they are the same; see name().
     */
    private static final String SURNAMES = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦许何吕施孔曹金陶谢邹苏潘范彭";
    private static final String GIVEN = "秀英桂兰玉梅凤丽淑珍静敏燕娟霞芳琳雪婷慧佳欣悦琪萱茹红华萍娜琴云莲洁蓉倩露清彩春菊香晓薇宁娇珊妮萌蕾素丹";
    private static final int NAMES = SURNAMES.length() * GIVEN.length();
    /**
     * Where the sequence stands, shared by every JVM of the test run on this machine: each integration-test class runs
     * in a Payara Micro of its own, and the classes of a fork share its database, so a sequence of each JVM's own (it
     * began at a random place) let a later class make an earlier class's name again: a registration without
     * {@code confirmedNew} was then refused as a possible duplicate now and then.
     */
    private static final Path COUNTER = Path.of(System.getProperty("java.io.tmpdir"), "weiquan-test-names.counter");

    private TestData() {
    }

    public static String mobile() {
        return "1" + (3 + RANDOM.nextInt(7)) + String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }

    /**
     * A three-character name that the duplicate warning cannot take for any other the test run has made (of the last
     * {@link #distinctNames()}): not the same, not a homophone, not a typo of it. Random names had been
     * homophones of one another often enough for a registration to be refused as a possible duplicate now and
     * then. Name n is surname s = n mod S with given characters j = n / S and j + 1 + s (mod G): for each surname
     * both the first and the last given character differ from name to name, so no two share what a typo keeps
     * (张晓* or 张*花, {@code PersonName.keys}). The place in the sequence is shared by the run's JVMs ({@link #COUNTER}).
     */
    public static String name() {
        return nameAt(next());
    }

    /** Name n of the sequence {@link #name()} walks (n from 0 to {@link #distinctNames()} - 1). */
    public static String nameAt(int n) {
        int s = n % SURNAMES.length();
        int j = n / SURNAMES.length();
        return "" + SURNAMES.charAt(s) + GIVEN.charAt(j) + GIVEN.charAt((j + 1 + s) % GIVEN.length());
    }

    /** The next place in the sequence, taken under a lock on the counter file that every JVM of the run shares. */
    private static synchronized int next() {
        try (FileChannel file = FileChannel.open(COUNTER, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = file.lock()) {
            ByteBuffer read = ByteBuffer.allocate(Long.BYTES);
            long n = file.read(read, 0) == Long.BYTES ? read.flip().getLong() : 0;
            file.write(ByteBuffer.allocate(Long.BYTES).putLong(0, n + 1), 0);
            return (int) Math.floorMod(n, (long) NAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("the test names' counter " + COUNTER, e);
        }
    }

    /** How many names {@link #name()} makes before it repeats one. */
    public static int distinctNames() {
        return NAMES;
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
