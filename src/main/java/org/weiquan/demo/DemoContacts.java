package org.weiquan.demo;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.ReviewService;
import org.weiquan.security.FirstUsers;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.StationTime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Loads {@code seeds/demo/contacts.csv} in one transaction, through the import methods of intake and
 * review: each row becomes a contact with its complainant and respondent (phones encrypted and
 * indexed), registered by the demo intake user of its sub-district an hour after receipt; acknowledged rows are
 * acknowledged; decided rows are decided by the demo supervisor in the order of their decisions,
 * so that case numbers run with time, and each accepted case is handled as its row says ({@link DemoCasework});
 * undecided rows start their review and wait in the supervisors' task lists. Repeat visits are linked to the
 * earlier contact.
 *
 * <p>Once only: the load is recorded with the file's checksum under the start-up lock, and it goes into a
 * database without contacts only, so that invented people never mix with real ones.
 */
@Stateless
public class DemoContacts {

    static final String RESOURCE = "seeds/demo/contacts.csv";
    private static final Logger LOG = Logger.getLogger(DemoContacts.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    StartupLock lock;

    @Inject
    IntakeService intake;

    @Inject
    ReviewService reviews;

    @Inject
    Clock clock;

    @Inject
    DemoCasework casework;

    @Inject
    CaseFiles cases;

    @Inject
    FirstUsers firstUsers;

    /** The file is broken or the services refused a row; the whole load is rolled back. Says which row and why. */
    @ApplicationException(rollback = true)
    public static class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What one load did; all zero when nothing was loaded. */
    public record Loaded(int contacts, int cases, int awaitingReview, int repeatVisits, long shiftDays,
                         List<String> caseNumbers) {
        static final Loaded NOTHING = new Loaded(0, 0, 0, 0, 0, List.of());
    }

    public Loaded load() {
        return load(RESOURCE, read(RESOURCE));
    }

    /** Loads contacts in the demo format, recorded under {@code name}. */
    public Loaded load(String name, byte[] csv) {
        return load(name, csv, true, DemoPeople.DEMO_USERS);
    }

    /**
     * The demo file into a database that holds other contacts: for the integration test, which loads it in a
     * transaction of its own and rolls it back, so that invented people never stay beside real ones.
     */
    public Loaded loadBesideOtherData(String name, DemoPeople people) {
        return load(name, read(RESOURCE), false, people);
    }

    private Loaded load(String name, byte[] csv, boolean intoEmptyDatabaseOnly, DemoPeople people) {
        String checksum = sha256(csv);
        lock.acquire();
        if (lock.isLoaded(name, checksum)) {
            return Loaded.NOTHING;
        }
        long existing = em.createQuery("SELECT COUNT(c) FROM Contact c", Long.class).getSingleResult();
        if (existing > 0 && intoEmptyDatabaseOnly) {
            LOG.info("Demo contacts not loaded: the database already holds " + existing
                    + " contacts, and demo data goes into an empty database only");
            return Loaded.NOTHING;
        }
        List<DemoRow> rows;
        try {
            rows = DemoRow.parse(new String(csv, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage(), e);
        }
        if (people == DemoPeople.DEMO_USERS) {
            firstUsers.demoUsers(); // the people who did the demo's work: their names show in its records
        }
        Instant now = clock.instant();
        long shift = ChronoUnit.DAYS.between(DemoRow.AS_OF, LocalDate.now(clock.withZone(StationTime.ZONE)));
        Map<Integer, Long> contactIds = new HashMap<>();
        for (DemoRow row : rows) {
            try {
                Long repeatOf = row.repeatOfRow() == null ? null : contactIds.get(row.repeatOfRow());
                String intakeUser = people.intakeOf(row.stationCode());
                long id = intake.importContact(row.registration(shift, repeatOf), row.registeredAt(shift), intakeUser,
                        !row.isDecided());
                contactIds.put(row.number(), id);
                Instant acknowledged = row.acknowledgedAt(shift, now);
                if (acknowledged != null) {
                    intake.acknowledgeAt(id, LocalDate.ofInstant(acknowledged, StationTime.ZONE),
                            row.acknowledgementForm(), acknowledged, intakeUser);
                }
            } catch (RuntimeException e) {
                throw new Refused(name + " row " + row.number() + ": " + reason(e), e);
            }
        }
        List<DemoRow> decided = rows.stream().filter(DemoRow::isDecided)
                .sorted(Comparator.comparing((DemoRow r) -> r.decidedAt(shift)).thenComparing(DemoRow::number))
                .toList();
        int caseCount = 0;
        List<String> numbers = new java.util.ArrayList<>();
        for (DemoRow row : decided) {
            try {
                var outcome = reviews.decideAt(contactIds.get(row.number()), row.reviewDecision(), row.decidedAt(shift),
                        people.supervisorOf(row.stationCode()));
                if (outcome.caseNumber() != null) {
                    caseCount++;
                    em.flush();
                    casework.handle(cases.byNumber(outcome.caseNumber()).orElseThrow(), row, shift, people);
                    numbers.add(outcome.caseNumber());
                }
            } catch (RuntimeException e) {
                throw new Refused(name + " row " + row.number() + " (decision): " + reason(e), e);
            }
        }
        lock.recordLoaded(name, checksum);
        int repeats = (int) rows.stream().filter(r -> r.repeatOfRow() != null).count();
        return new Loaded(rows.size(), caseCount, rows.size() - decided.size(), repeats, shift, List.copyOf(numbers));
    }

    /** The innermost message: the container wraps what the services throw. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static byte[] read(String resource) {
        try (InputStream in = DemoContacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
