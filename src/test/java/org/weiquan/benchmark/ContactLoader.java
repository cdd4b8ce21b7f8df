package org.weiquan.benchmark;

import org.weiquan.intake.PersonName;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.privacy.DataKeys;
import org.weiquan.privacy.PersonalDataCipher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Writes a station's earlier contacts straight into the database, for the workload at 100 k and 1 M contacts: through
 * the API that would take hours on this machine (about 110 a second). Each contact is what an answered consultation of
 * the past three years leaves behind: the contact (status and decision {@code CONSULTATION_ANSWERED}), its category, a
 * complainant with a mobile number (her gender and age where recorded) and most often a respondent, drawn by
 * {@link ContactBodies} as the measured registrations are. Names, their readings and keys come from the application's
 * {@link PersonName}; the phone is encrypted and blind-indexed with the node's own keys ({@link DataKeys}, demo mode's
 * key files), so the duplicate search finds these contacts exactly as it finds those registered through the API. The
 * database's own triggers keep the inbox and the indicator counters, as they do for the application's inserts. No
 * process is started for them: an answered consultation has none running.
 */
final class ContactLoader {

    private static final int BATCH = 5_000;
    /** The ids EclipseLink takes from these sequences come in blocks of 50 ({@code allocationSize}). */
    private static final int BLOCK = 50;
    private static final String PHONE_CONTEXT = "party.phone";

    private ContactLoader() {
    }

    /**
     * Writes {@code count} contacts of the station {@code stationCode}, registered by {@code username}, with the keys
     * of the node whose data folder is {@code dataDir}; commits every {@value #BATCH}. Returns the seconds taken.
     */
    static double load(String jdbcUrl, String user, String password, Path dataDir, String stationCode,
                       String username, int count, long seed) throws SQLException {
        DataKeys keys = DataKeys.fromSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                true, dataDir);
        PersonalDataCipher cipher = new PersonalDataCipher(keys);
        BlindIndex blindIndex = new BlindIndex(keys);
        ContactBodies people = new ContactBodies(seed, stationCode);
        SplittableRandom days = new SplittableRandom(seed);
        Instant now = Instant.now();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", user, password)) {
            c.setAutoCommit(false);
            long stationId = stationId(c, stationCode);
            int done = 0;
            while (done < count) {
                int n = Math.min(BATCH, count - done);
                long contactId = ids(c, "contact_seq", n);
                long partyId = ids(c, "party_seq", 2 * n);
                long phoneId = ids(c, "party_phone_seq", n);
                try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact (id, station_id, channel,"
                        + " received_at, summary, status, registered_at, registered_by, version, primary_category,"
                        + " decision, decided_at, decided_by, decision_reason) VALUES (?, ?, 'VISIT', ?, ?,"
                        + " 'CONSULTATION_ANSWERED', ?, ?, 1, 'MARRIAGE_DISPUTE', 'CONSULTATION_ANSWERED', ?, ?, ?)");
                     PreparedStatement category = c.prepareStatement(
                             "INSERT INTO contact_category (contact_id, category) VALUES (?, 'MARRIAGE_DISPUTE')");
                     PreparedStatement party = c.prepareStatement("INSERT INTO party (id, contact_id, position, role,"
                             + " name, name_pinyin, name_key_head, name_key_gap, gender, age, address_safe, station_id)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, " + stationId + ")");
                     PreparedStatement phone = c.prepareStatement("INSERT INTO party_phone (id, party_id, position,"
                             + " number_enc, number_idx, safe_to_contact) VALUES (?, ?, 0, ?, ?, false)")) {
                    for (int i = 0; i < n; i++) {
                        ContactBodies.Drawn d = people.draw();
                        // spread over the three years before the run, in working hours
                        Instant received = now.minus(Duration.ofDays(1 + days.nextInt(3 * 365)))
                                .minus(Duration.ofMinutes(days.nextInt(8 * 60)));
                        Instant decided = received.plus(Duration.ofHours(2));
                        contact.setLong(1, contactId + i);
                        contact.setLong(2, stationId);
                        contact.setTimestamp(3, Timestamp.from(received));
                        contact.setString(4, "来访咨询婚姻家庭问题");
                        contact.setTimestamp(5, Timestamp.from(received.plusSeconds(600)));
                        contact.setString(6, username);
                        contact.setTimestamp(7, Timestamp.from(decided));
                        contact.setString(8, username);
                        contact.setString(9, "已当面解答");
                        contact.addBatch();
                        category.setLong(1, contactId + i);
                        category.addBatch();
                        addParty(party, partyId + 2L * i, contactId + i, 0, "COMPLAINANT", d.complainant(), d.gender(),
                                d.age());
                        if (d.respondent() != null) {
                            addParty(party, partyId + 2L * i + 1, contactId + i, 1, "RESPONDENT", d.respondent(), null,
                                    null);
                        }
                        String number = PhoneNumber.parse(d.phone()).value();
                        phone.setLong(1, phoneId + i);
                        phone.setLong(2, partyId + 2L * i);
                        phone.setString(3, cipher.encrypt(number, PHONE_CONTEXT));
                        phone.setString(4, blindIndex.of(number, "phone"));
                        phone.addBatch();
                    }
                    contact.executeBatch();
                    category.executeBatch();
                    party.executeBatch();
                    phone.executeBatch();
                }
                c.commit();
                done += n;
                if (done % Math.max(BATCH, count / 10 / BATCH * BATCH) == 0 || done == count) {
                    System.out.printf(Locale.ROOT, "wrote %d of %d contacts straight into the database (%.0f s)%n",
                            done, count, (System.nanoTime() - started) / 1e9);
                }
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void addParty(PreparedStatement party, long id, long contactId, int position, String role,
                                 String name, String gender, Integer age) throws SQLException {
        PersonName.Keys keys = PersonName.keys(name);
        party.setLong(1, id);
        party.setLong(2, contactId);
        party.setInt(3, position);
        party.setString(4, role);
        party.setString(5, name);
        party.setString(6, PersonName.pinyin(name));
        party.setString(7, keys == null ? null : keys.head());
        party.setString(8, keys == null ? null : keys.gap());
        party.setString(9, gender);
        party.setObject(10, age, java.sql.Types.INTEGER);
        party.addBatch();
    }

    /**
     * The first of {@code n} ids no one else takes: the sequence moves past them in one statement. EclipseLink's
     * blocks of {@value #BLOCK} end at or before the value the sequence had, and its next block starts after the
     * value it has now, whichever end of a block it counts from.
     */
    private static long ids(Connection c, String sequence, int n) throws SQLException {
        long blocks = (n + BLOCK - 1) / BLOCK;
        try (PreparedStatement s = c.prepareStatement("SELECT setval('" + sequence + "', nextval('" + sequence + "') + ?)")) {
            s.setLong(1, blocks * BLOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) - blocks * BLOCK + 1;
            }
        }
    }

    private static long stationId(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM station WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no station " + code);
                }
                return rs.getLong(1);
            }
        }
    }
}
