package org.weiquan.benchmark;

import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.ContactRegistration.PartyInput;
import org.weiquan.intake.ContactRegistration.PhoneInput;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Registrations as intake staff send them: a complainant with a Chinese name (common surname, one or two given
 * characters) and a mobile number, a respondent with a name, a visit received half an hour ago. Made from a seeded
 * random source, so that every run of the same size registers the same people. The same registration is drawn as
 * the JSON body of {@code POST /api/contacts} or, for the in-process intake ({@link InProcessIntakeResource}), as
 * the service's own input.
 */
final class ContactBodies {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "芳敏静丽娟艳娜秀英华慧巧美霞玲桂兰萍红梅琳雪燕晓晶洁婷欣瑶颖佳怡雯蕾倩月凤菊莉琴云莲真环珍冬春秋玉淑惠亚宁楠丹彤璐梦露";
    private static final String MALE_GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳";

    private static final String SUMMARY = "来访反映婚姻家庭纠纷";

    private final SplittableRandom random;
    private final String stationCode;

    ContactBodies(long seed, String stationCode) {
        this.random = new SplittableRandom(seed);
        this.stationCode = stationCode;
    }

    /** One contact as the form holds it; the visit was received half an hour ago. */
    record Drawn(String complainant, String respondent, String phone, OffsetDateTime received) {
    }

    synchronized Drawn draw() {
        String complainant = name(GIVEN);
        String respondent = name(MALE_GIVEN);
        String phone = "1" + "3578".charAt(random.nextInt(4)) + String.format("%09d", random.nextInt(1_000_000_000));
        return new Drawn(complainant, respondent, phone,
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS));
    }

    String next(boolean confirmedNew) {
        Drawn d = draw();
        return "{\"stationCode\":\"" + stationCode + "\",\"channel\":\"VISIT\",\"receivedAt\":\"" + d.received() + "\","
                + "\"summary\":\"" + SUMMARY + "\",\"primaryCategory\":\"MARRIAGE_DISPUTE\","
                + "\"parties\":[{\"role\":\"COMPLAINANT\",\"name\":\"" + d.complainant() + "\",\"phones\":[{\"number\":\""
                + d.phone() + "\",\"safeToContact\":false}]},{\"role\":\"RESPONDENT\",\"name\":\"" + d.respondent() + "\"}]"
                + (confirmedNew ? ",\"confirmedNew\":true" : "") + "}";
    }

    /** The same as {@link #next}'s body with the duplicate check on, as {@code IntakeService.register} takes it. */
    ContactRegistration nextRegistration() {
        Drawn d = draw();
        PartyInput complainant = new PartyInput("COMPLAINANT", d.complainant(), null, null, null, null,
                List.of(new PhoneInput(d.phone(), false)), null, null, null);
        PartyInput respondent = new PartyInput("RESPONDENT", d.respondent(), null, null, null, null, null, null, null, null);
        return new ContactRegistration(stationCode, "VISIT", d.received(), SUMMARY, null, "MARRIAGE_DISPUTE", null, null,
                List.of(complainant, respondent), null, false);
    }

    private String name(String given) {
        StringBuilder b = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        b.append(given.charAt(random.nextInt(given.length())));
        if (random.nextInt(10) < 7) {
            b.append(given.charAt(random.nextInt(given.length())));
        }
        return b.toString();
    }
}
