package org.weiquan.intake;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the registering user typed: raw, so that every wrong field can be named back to them.
 * Enumerations are given by name, the station by its code, dates as ISO text.
 *
 * @param repeatOfContactId an earlier contact on the same matter this one repeats (重复访), or null
 * @param confirmedNew      the user saw the duplicate candidates and says this is a new matter
 */
public record ContactRegistration(String stationCode, String channel, OffsetDateTime receivedAt, String summary,
                                  String petitionType, String primaryCategory, List<String> otherCategories,
                                  List<String> flags, List<PartyInput> parties, Long repeatOfContactId,
                                  boolean confirmedNew) {

    public ContactRegistration {
        otherCategories = otherCategories == null ? List.of() : otherCategories;
        flags = flags == null ? List.of() : flags;
        parties = parties == null ? List.of() : parties;
    }

    /** A party as typed; phones and address each say whether contacting the person there is safe. */
    public record PartyInput(String role, String name, String gender, String birthDate, Integer age, String idNumber,
                             List<PhoneInput> phones, String address, Boolean addressSafeToContact, String relation) {
        public PartyInput {
            phones = phones == null ? List.of() : phones;
        }
    }

    public record PhoneInput(String number, Boolean safeToContact) {
    }
}
