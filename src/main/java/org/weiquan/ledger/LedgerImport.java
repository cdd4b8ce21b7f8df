package org.weiquan.ledger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.ClosureDecisionForm;
import org.weiquan.casefile.ClosureEvidence;
import org.weiquan.casefile.FollowUpForm;
import org.weiquan.casefile.FollowUpPolicy;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSessionForm;
import org.weiquan.security.Act;
import org.weiquan.shared.Days;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.ReviewService;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.PetitionType;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Stations;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a ledger (CSV or XLSX, the template's columns) in one transaction (SUPERVISOR, stations within scope).
 * Both formats become the same {@link Row}s, so that checking, recognising rows imported before and the error
 * list are the same for both.
 * Open cases start their handling process with deadlines from the original acceptance date; closed ones
 * carry their closure (and mediation and follow-up results) and count in the indicators of their periods.
 */
@Stateless
public class LedgerImport {

    public static final List<String> COLUMNS = List.of("station_code", "received_date", "channel", "category",
            "petition_type", "complainant_name", "complainant_phone", "respondent_name", "accepted_date",
            "mediation_outcome", "closed_date", "closure_reason", "follow_up_result");
    static final Set<String> MEDIATION = Set.of("WRITTEN_AGREEMENT", "ORAL_AGREEMENT", "TERMINATED", "REFUSED");
    static final Set<String> FOLLOW_UP = Set.of("SATISFIED", "NOT_SATISFIED", "UNREACHABLE");
    static final int MAX_ROWS = 5000;
    /** What an imported record says where the ledger did not: it is not invented. */
    static final String NOT_IN_LEDGER = "（台账未载明）";
    /** The templates' example row, one value per column. */
    static final List<String> EXAMPLE = List.of("QX-0101", "2025-03-02", "VISIT", "MARRIAGE_DISPUTE", "CLAIM", "张晓花",
            "13812345678", "李大军", "2025-03-03", "WRITTEN_AGREEMENT", "2025-04-10", "MEDIATED_WRITTEN", "SATISFIED");

    @PersistenceContext
    EntityManager em;

    @Inject
    IntakeService intake;

    @Inject
    ReviewService reviews;

    @Inject
    CaseFiles cases;

    @Inject
    HandlingService handling;

    @Inject
    MediationService mediation;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    public record Result(int imported, int alreadyImported, List<String> caseNumbers) {
    }

    /** The CSV template: the header and one example row. */
    public static String template() {
        return String.join(",", COLUMNS) + "\n" + String.join(",", EXAMPLE) + "\n";
    }

    public Result importCsv(byte[] content) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        return importRows(actor, readCsv(content));
    }

    /** The first sheet of an Excel workbook (.xlsx), read by {@link LedgerXlsx}. */
    public Result importXlsx(byte[] content) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        return importRows(actor, LedgerXlsx.read(content));
    }

    private Result importRows(Actor actor, List<Row> rows) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (Row row : rows) {
            check(row, actor, errors);
        }
        errors.throwIfAny();

        String by = "ledger:" + actor.username();
        int imported = 0;
        int skipped = 0;
        List<String> numbers = new ArrayList<>();
        for (Row row : rows) {
            String key = row.key();
            if (!em.createQuery("SELECT c.id FROM Contact c WHERE c.importKey = :k", Long.class).setParameter("k", key)
                    .getResultList().isEmpty()) {
                skipped++;
                continue;
            }
            numbers.add(importRow(row, key, by, row.get("station_code")));
            imported++;
        }
        accessLog.record(actor, AccessAction.CHANGE, null, null, "ledger import: " + imported + " rows, "
                + skipped + " already imported");
        return new Result(imported, skipped, numbers.stream().filter(n -> n != null).toList());
    }

    /**
     * One row through the same service methods as staff use, with the ledger's dates as when things happened:
     * registration, review decision, mediation, closure and follow-up.
     */
    private String importRow(Row row, String key, String by, String stationCode) {
        Instant received = at(row.date("received_date"), 9);
        List<ContactRegistration.PartyInput> parties = new ArrayList<>();
        String phone = row.get("complainant_phone");
        parties.add(new ContactRegistration.PartyInput("COMPLAINANT", row.get("complainant_name"), null, null, null,
                null, phone.isEmpty() ? List.of() : List.of(new ContactRegistration.PhoneInput(phone, null)), null,
                null, null));
        if (!row.get("respondent_name").isEmpty()) {
            parties.add(new ContactRegistration.PartyInput("RESPONDENT", row.get("respondent_name"), null, null, null,
                    null, List.of(), null, null, null));
        }
        ContactRegistration registration = new ContactRegistration(row.get("station_code"), row.get("channel"),
                received.atZone(StationTime.ZONE).toOffsetDateTime(), "台账导入：" + row.get("category"),
                row.get("petition_type").isEmpty() ? null : row.get("petition_type"), row.get("category"), null, null,
                parties, null, true);
        long contactId = intake.importContact(registration, received, by, false, key);
        if (row.get("accepted_date").isEmpty()) {
            reviews.decideAt(contactId, new ReviewDecisionForm(ReviewDecision.CONSULTATION_ANSWERED, "台账：咨询解答",
                    null, null), received.plusSeconds(3600), by);
            return null;
        }
        String number = reviews.decideAt(contactId, new ReviewDecisionForm(ReviewDecision.ACCEPTED, null, null, null),
                at(row.date("accepted_date"), 10), by).caseNumber();
        Case aCase = cases.byNumber(number).orElseThrow();
        Instant now = clock.instant();
        LocalDate closed = row.get("closed_date").isEmpty() ? null : row.date("closed_date");
        if (!row.get("mediation_outcome").isEmpty()) {
            MediationOutcome outcome = MediationOutcome.valueOf(row.get("mediation_outcome"));
            Instant held = at(closed != null ? closed : row.date("accepted_date"), 16);
            mediation.recordSession(aCase, new MediationSessionForm(held.atZone(StationTime.ZONE).toOffsetDateTime(),
                    NOT_IN_LEDGER, null, outcome, outcome.isAgreement() ? NOT_IN_LEDGER : null,
                    outcome.isAgreement() ? null : NOT_IN_LEDGER, null), Act.earlier(by, stationCode, held, now));
        }
        if (closed == null) {
            return number;
        }
        Instant closedAt = at(closed, 17);
        Act closing = Act.earlier(by, stationCode, closedAt, now);
        if (ClosureReason.WITHDRAWN.name().equals(row.get("closure_reason"))) {
            handling.withdraw(aCase, "台账补录", closing);
            workflow.endHandling(number, "withdrawn in the ledger before import");
            return number;
        }
        handling.requestClosure(aCase, ClosureReason.valueOf(row.get("closure_reason")), "台账补录", List.of(),
                ClosureEvidence.ofLedger(), closing);
        handling.decideClosure(aCase, new ClosureDecisionForm(true, null), FollowUpPolicy.days(), closing);
        workflow.endHandling(number, "closed in the ledger before import");
        if (!row.get("follow_up_result").isEmpty()) {
            Instant visit = at(FollowUpPolicy.dueOn(closed, FollowUpPolicy.days()), 10);
            visit = visit.isAfter(now) ? now : visit;
            aCase.scheduleFollowUp(Days.dateOf(visit));
            handling.recordFollowUp(aCase, new FollowUpForm(visit.atZone(StationTime.ZONE).toOffsetDateTime(),
                    FollowUpResult.valueOf(row.get("follow_up_result")), null, false, "台账补录"),
                    Act.earlier(by, stationCode, visit, now));
        }
        return number;
    }

    private void check(Row row, Actor actor, InvalidInput.Collector errors) {
        String code = row.get("station_code");
        if (code.isEmpty() || stations.byCode(code).filter(s -> actor.sees(s.path())).isEmpty()) {
            row.error(errors, "station_code", "no station in your scope has this code");
        }
        LocalDate today = LocalDate.now(clock.withZone(StationTime.ZONE));
        LocalDate received = row.dateOrError(errors, "received_date", true);
        if (received != null && (received.isAfter(today) || received.getYear() < 2000)) {
            row.error(errors, "received_date", "must lie between 2000 and today");
        }
        row.enumOrError(errors, "channel", Channel.class, true);
        row.enumOrError(errors, "category", Category.class, true);
        row.enumOrError(errors, "petition_type", PetitionType.class, false);
        String name = row.get("complainant_name");
        if (name.isEmpty() || name.length() > 100) {
            row.error(errors, "complainant_name", "is required, at most 100 characters");
        } else if (!isPlainName(name)) {
            row.error(errors, "complainant_name", NOT_A_NAME);
        }
        if (!row.get("complainant_phone").isEmpty() && !PhoneNumber.isValid(row.get("complainant_phone"))) {
            row.error(errors, "complainant_phone", "is not a mainland mobile or landline number");
        }
        if (row.get("respondent_name").length() > 100) {
            row.error(errors, "respondent_name", "is longer than 100 characters");
        } else if (!row.get("respondent_name").isEmpty() && !isPlainName(row.get("respondent_name"))) {
            row.error(errors, "respondent_name", NOT_A_NAME);
        }
        LocalDate accepted = row.dateOrError(errors, "accepted_date", false);
        if (accepted != null && ((received != null && accepted.isBefore(received)) || accepted.isAfter(today))) {
            row.error(errors, "accepted_date", "must lie between the received date and today");
        }
        String mediation = row.get("mediation_outcome");
        if (!mediation.isEmpty() && (!MEDIATION.contains(mediation) || accepted == null)) {
            row.error(errors, "mediation_outcome", "must be one of " + MEDIATION + ", for an accepted case");
        }
        LocalDate closed = row.dateOrError(errors, "closed_date", false);
        if (closed != null && (accepted == null || closed.isBefore(accepted) || closed.isAfter(today))) {
            row.error(errors, "closed_date", "needs an acceptance date and must lie between it and today");
        }
        String reason = row.get("closure_reason");
        if (closed != null && reason.isEmpty()) {
            row.error(errors, "closure_reason", "is required for a closed case");
        } else if (!reason.isEmpty()) {
            if (closed == null) {
                row.error(errors, "closure_reason", "needs a closed date");
            } else {
                row.enumOrError(errors, "closure_reason", ClosureReason.class, true);
            }
        }
        String followUp = row.get("follow_up_result");
        if (!followUp.isEmpty() && (!FOLLOW_UP.contains(followUp) || closed == null)) {
            row.error(errors, "follow_up_result", "must be one of " + FOLLOW_UP + ", for a closed case");
        }
    }

    static final String NOT_A_NAME = "must be one line and must not start with =, +, - or @ (a spreadsheet formula)";

    /**
     * A cell that a spreadsheet would run as a formula (=, +, - or @ first) or with control characters is
     * no name: it is refused, never stored, so that no export or later ledger can carry it.
     */
    static boolean isPlainName(String name) {
        return "=+-@".indexOf(name.charAt(0)) < 0 && name.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    private static Instant at(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(StationTime.ZONE).toInstant();
    }

    static List<Row> readCsv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            requireColumns(parser.getHeaderNames(), "template.csv");
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                Map<String, String> cells = new HashMap<>();
                for (String column : COLUMNS) {
                    cells.put(column, r.isMapped(column) && r.isSet(column) ? r.get(column) : "");
                }
                rows.add(new Row((int) r.getRecordNumber() + 1, cells));
                requireAtMostMaxRows(rows.size());
            }
            requireSomeRows(rows.size());
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw InvalidInput.of("body", "is not a well-formed CSV file");
        }
    }

    /** Every column of the template is in the file's header (other columns are ignored). */
    static void requireColumns(Collection<String> header, String template) {
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw InvalidInput.of("header", "missing columns: " + String.join(", ", missing)
                    + " (download the template from /api/ledger/" + template + ")");
        }
    }

    static void requireAtMostMaxRows(int rows) {
        if (rows > MAX_ROWS) {
            throw InvalidInput.of("body", "at most " + MAX_ROWS + " rows per file");
        }
    }

    static void requireSomeRows(int rows) {
        if (rows == 0) {
            throw InvalidInput.of("body", "the file has no rows");
        }
    }

    /**
     * A ledger row, whatever the file's format: {@code line} is its row number as the user sees it (the
     * header is row 1 in the template), {@code cells} the text of each template column.
     */
    record Row(int line, Map<String, String> cells) {

        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }

        List<String> values() {
            return COLUMNS.stream().map(this::get).toList();
        }

        /**
         * The row's fingerprint: the same values give the same key, whether they came as CSV or XLSX, so that a
         * row imported before is recognised.
         */
        String key() {
            return StartupLock.checksum(String.join("\u0001", values()).getBytes(StandardCharsets.UTF_8));
        }

        LocalDate date(String column) {
            return LocalDate.parse(get(column));
        }

        void error(InvalidInput.Collector errors, String column, String message) {
            errors.add("row " + line + ": " + column, message);
        }

        LocalDate dateOrError(InvalidInput.Collector errors, String column, boolean required) {
            String v = get(column);
            if (v.isEmpty()) {
                if (required) {
                    error(errors, column, "is required");
                }
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                error(errors, column, "must be a date like 2025-03-02");
                return null;
            }
        }

        <E extends Enum<E>> void enumOrError(InvalidInput.Collector errors, String column, Class<E> type,
                                            boolean required) {
            String v = get(column);
            if (v.isEmpty()) {
                if (required) {
                    error(errors, column, "is required");
                }
                return;
            }
            InvalidInput.Collector local = new InvalidInput.Collector();
            if (Fields.enumValue(local, column, v, type) == null) {
                error(errors, column, "is not one of the allowed values (see the template and README)");
            }
        }
    }
}
