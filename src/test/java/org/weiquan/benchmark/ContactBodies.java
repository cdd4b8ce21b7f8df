package org.weiquan.benchmark;

import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.ContactRegistration.PartyInput;
import org.weiquan.intake.ContactRegistration.PhoneInput;
import org.weiquan.intake.RealisticNames;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Registrations as intake staff send them, a visit received half an hour ago, with the population that
 * {@code SameMatterRuleEvaluationTest} tuned the duplicate rule on: a complainant (85 % women) with a mobile number,
 * her gender recorded for 95 %, her age for 70 %, a named respondent for 65 %; names as common as in the population
 * ({@link RealisticNames}). So the share of registrations the rule holds back is what a station of that size would
 * see. (Until December 2026 the names came from a few uniform sets, with no gender or age: at 100,000 contacts half
 * of the registrations had a namesake the rule stopped at.) Made from a seeded random source, so that every run of
 * the same size registers the same people. The same registration is drawn as the JSON body of
 * {@code POST /api/contacts} or, for the in-process intake ({@link InProcessIntakeResource}), as the service's own
 * input.
 */
final class ContactBodies {

    private static final String SUMMARY = "来访反映婚姻家庭纠纷";

    private final SplittableRandom random;
    private final RealisticNames names;
    private final String stationCode;

    ContactBodies(long seed, String stationCode) {
        this.random = new SplittableRandom(seed);
        this.names = new RealisticNames(new Random(seed));
        this.stationCode = stationCode;
    }

    /**
     * One contact as the form holds it; the visit was received half an hour ago. Gender ({@code FEMALE}, {@code MALE}),
     * age and respondent are null when not recorded.
     */
    record Drawn(String complainant, String gender, Integer age, String respondent, String phone,
                 OffsetDateTime received) {
    }

    synchronized Drawn draw() {
        boolean female = random.nextDouble() < 0.85;
        String gender = random.nextDouble() < 0.95 ? (female ? "FEMALE" : "MALE") : null;
        Integer age = random.nextDouble() < 0.7
                ? (int) Math.max(18, Math.min(85, Math.round(42 + random.nextGaussian() * 12))) : null;
        String respondent = random.nextDouble() < 0.65 ? names.name(!female) : null;
        String phone = "1" + "3578".charAt(random.nextInt(4)) + String.format("%09d", random.nextInt(1_000_000_000));
        return new Drawn(names.name(female), gender, age, respondent, phone,
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS));
    }

    String next(boolean confirmedNew) {
        Drawn d = draw();
        return "{\"stationCode\":\"" + stationCode + "\",\"channel\":\"VISIT\",\"receivedAt\":\"" + d.received() + "\","
                + "\"summary\":\"" + SUMMARY + "\",\"primaryCategory\":\"MARRIAGE_DISPUTE\","
                + "\"parties\":[{\"role\":\"COMPLAINANT\",\"name\":\"" + d.complainant() + "\""
                + (d.gender() == null ? "" : ",\"gender\":\"" + d.gender() + "\"")
                + (d.age() == null ? "" : ",\"age\":" + d.age())
                + ",\"phones\":[{\"number\":\"" + d.phone() + "\",\"safeToContact\":false}]}"
                + (d.respondent() == null ? "" : ",{\"role\":\"RESPONDENT\",\"name\":\"" + d.respondent() + "\"}") + "]"
                + (confirmedNew ? ",\"confirmedNew\":true" : "") + "}";
    }

    /** The same as {@link #next}'s body with the duplicate check on, as {@code IntakeService.register} takes it. */
    ContactRegistration nextRegistration() {
        Drawn d = draw();
        List<PartyInput> parties = new ArrayList<>();
        parties.add(new PartyInput("COMPLAINANT", d.complainant(), d.gender(), null, d.age(), null,
                List.of(new PhoneInput(d.phone(), false)), null, null, null));
        if (d.respondent() != null) {
            parties.add(new PartyInput("RESPONDENT", d.respondent(), null, null, null, null, null, null, null, null));
        }
        return new ContactRegistration(stationCode, "VISIT", d.received(), SUMMARY, null, "MARRIAGE_DISPUTE", null, null,
                parties, null, false);
    }
}
