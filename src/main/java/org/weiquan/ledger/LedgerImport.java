package org.weiquan.ledger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.weiquan.casefile.AgreementPerformed;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.ClosureDecisionForm;
import org.weiquan.casefile.ClosureEvidence;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.ExtensionDecisionForm;
import org.weiquan.casefile.FollowUpForm;
import org.weiquan.casefile.FollowUpPolicy;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.ReviewService;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.intake.AcknowledgementForm;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.Gender;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.PetitionType;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSessionForm;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Act;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.Days;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Stations;
import org.weiquan.workflow.CaseWorkflow;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a ledger (CSV or XLSX, the template's columns, {@link LedgerColumns}) in one transaction (SUPERVISOR,
 * stations within scope). Both formats become the same {@link Row}s, so that checking, recognising rows imported
 * before and the error list are the same for both.
 *
 * <p>A ledger knows dates, not times of day: every date of a row is recorded as its Beijing date (the instant its
 * day begins), never with an invented hour, so that days are counted as DESIGN §3 says (days to close = closure
 * date − acceptance date; a deadline of N days ends at 24:00 of the Nth day). A row is recognised by its ledger
 * number when the file has one, else by its station, its content and how many identical rows came before it in the
 * file: two identical rows are two contacts, and importing the same file again creates nothing. Accepted rows are
 * numbered in the order of their acceptance dates. Open cases start their handling process with deadlines from the
 * original acceptance date; closed ones carry their closure (and extension, mediation and follow-up) and count in
 * the indicators of their periods.
 */
@Stateless
public class LedgerImport {

    /** Every column of the template, in its order. */
    public static final List<String> COLUMNS = LedgerColumns.NAMES;
    /** The columns of the first template, which a file's header must have. */
    static final List<String> FIRST_COLUMNS = List.of("station_code", "received_date", "channel", "category",
            "petition_type", "complainant_name", "complainant_phone", "respondent_name", "accepted_date",
            "mediation_outcome", "closed_date", "closure_reason", "follow_up_result");
    static final Set<String> MEDIATION = Set.copyOf(LedgerColumns.of("mediation_outcome").values());
    static final int MAX_ROWS = 5000;
    static final int LEDGER_NUMBER_MAX = 40;
    static final int SUMMARY_MAX = 2000;
    /** What an imported record says where the ledger did not: it is not invented. */
    static final String NOT_IN_LEDGER = "（台账未载明）";
    /** The templates' example row, one value per column. */
    static final List<String> EXAMPLE = LedgerColumns.ALL.stream().map(LedgerColumns.Column::example).toList();

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
    org.weiquan.referral.ReferralService referrals;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    /** What became of one row: CREATED or ALREADY_IMPORTED, with its contact and (accepted) case. */
    public record RowResult(int row, String status, long contactId, String caseNumber) {
    }

    /**
     * The import report: how many rows were created and how many had been imported before, the case numbers
     * created (in file order), and every row's result.
     */
    public record Result(int imported, int alreadyImported, List<String> caseNumbers, List<RowResult> rows) {
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
        Map<String, Integer> ledgerNumbers = new HashMap<>();
        for (Row row : rows) {
            check(row, actor, errors);
            String number = row.get("ledger_number");
            if (!number.isEmpty()) {
                Integer first = ledgerNumbers.putIfAbsent(row.get("station_code") + "\u0001" + number, row.line());
                if (first != null) {
                    row.error(errors, "ledger_number", "appears twice for this station in the file (first in row "
                            + first + ")");
                }
            }
        }
        errors.throwIfAny();

        Map<Row, String> keys = keys(rows);
        String by = "ledger:" + actor.username();
        Map<Integer, RowResult> results = new HashMap<>();
        // accepted rows in the order of their acceptance dates, so that their case numbers follow it
        List<Row> inOrder = new ArrayList<>(rows);
        inOrder.sort(Comparator.comparing((Row r) -> r.get("accepted_date").isEmpty() ? LocalDate.MAX
                : r.date("accepted_date")).thenComparing(Row::line));
        int imported = 0;
        int skipped = 0;
        for (Row row : inOrder) {
            String key = keys.get(row);
            List<Object[]> existing = em.createQuery("SELECT c.id, c.caseNumber FROM Contact c WHERE c.importKey = :k",
                    Object[].class).setParameter("k", key).getResultList();
            if (!existing.isEmpty()) {
                results.put(row.line(), new RowResult(row.line(), "ALREADY_IMPORTED", (Long) existing.get(0)[0],
                        (String) existing.get(0)[1]));
                skipped++;
                continue;
            }
            results.put(row.line(), importRow(row, key, by, row.get("station_code")));
            imported++;
        }
        List<RowResult> report = rows.stream().map(r -> results.get(r.line())).toList();
        accessLog.record(actor, AccessAction.CHANGE, null, null, "导入台账：新增 " + imported + " 行，"
                + skipped + " 行此前已导入");
        return new Result(imported, skipped, report.stream().filter(r -> r.status().equals("CREATED"))
                .map(RowResult::caseNumber).filter(n -> n != null).toList(), report);
    }

    /**
     * Each row's identity: its ledger number when it has one (with its station), else its station and content and
     * how many identical rows came before it in the file. The first of identical rows keeps the key the first
     * template gave it (its thirteen columns), so that ledgers imported before are still recognised.
     */
    static Map<Row, String> keys(List<Row> rows) {
        Map<Row, String> keys = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            String number = row.get("ledger_number");
            if (!number.isEmpty()) {
                keys.put(row, checksum("ledger-number\u0001" + row.get("station_code") + "\u0001" + number));
                continue;
            }
            StringBuilder content = new StringBuilder(String.join("\u0001",
                    FIRST_COLUMNS.stream().map(row::get).toList()));
            for (String column : COLUMNS) {
                if (!FIRST_COLUMNS.contains(column) && !row.get(column).isEmpty()) {
                    content.append('\u0001').append(column).append('=').append(row.get(column));
                }
            }
            int occurrence = seen.merge(content.toString(), 1, Integer::sum);
            keys.put(row, checksum(occurrence == 1 ? content.toString() : content + "\u0002" + occurrence));
        }
        return keys;
    }

    private static String checksum(String text) {
        return StartupLock.checksum(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One row through the same service methods as staff use, with the ledger's dates as when things happened:
     * registration, acknowledgement, review decision, risk, extension, mediation, closure and follow-up.
     */
    private RowResult importRow(Row row, String key, String by, String stationCode) {
        LocalDate receivedOn = row.date("received_date");
        Instant received = Days.startOf(receivedOn);
        List<ContactRegistration.PartyInput> parties = new ArrayList<>();
        String phone = row.get("complainant_phone");
        parties.add(new ContactRegistration.PartyInput("COMPLAINANT", row.get("complainant_name"),
                emptyToNull(row.get("complainant_gender")), null, age(row, receivedOn), null,
                phone.isEmpty() ? List.of() : List.of(new ContactRegistration.PhoneInput(phone, null)), null,
                null, null));
        if (!row.get("respondent_name").isEmpty()) {
            parties.add(new ContactRegistration.PartyInput("RESPONDENT", row.get("respondent_name"), null, null, null,
                    null, List.of(), null, null, emptyToNull(row.get("respondent_relation"))));
        }
        String summary = row.get("summary").isEmpty() ? "台账导入：" + row.get("category") : row.get("summary");
        if (!row.get("ledger_number").isEmpty()) {
            summary = "台账编号 " + row.get("ledger_number") + "；" + summary;
        }
        ContactRegistration registration = new ContactRegistration(row.get("station_code"), row.get("channel"),
                received.atZone(StationTime.ZONE).toOffsetDateTime(), summary,
                emptyToNull(row.get("petition_type")), row.get("category"), otherCategories(row),
                "YES".equals(row.get("minor_involved")) ? List.of("minorInvolved") : List.of(),
                parties, null, true);
        long contactId = intake.importContact(registration, received, by, false, key);
        if (!row.get("acknowledged_date").isEmpty()) {
            LocalDate on = row.date("acknowledged_date");
            intake.acknowledgeAt(contactId, on, row.get("acknowledgement_form"), Days.startOf(on), by);
        }
        ReviewDecision decision = decision(row);
        if (decision != ReviewDecision.ACCEPTED) {
            LocalDate decided = row.get("review_date").isEmpty() ? receivedOn : row.date("review_date");
            String referredTo = emptyToNull(row.get("referred_to"));
            String reason = decision == ReviewDecision.CONSULTATION_ANSWERED ? "台账：咨询解答" : NOT_IN_LEDGER;
            reviews.decideAt(contactId, new ReviewDecisionForm(decision, reason, referredTo, null),
                    Days.startOf(decided), by);
            return new RowResult(row.line(), "CREATED", contactId, null);
        }
        LocalDate acceptedOn = row.date("accepted_date");
        String number = reviews.decideAt(contactId, new ReviewDecisionForm(ReviewDecision.ACCEPTED, null, null, null),
                Days.startOf(acceptedOn), by).caseNumber();
        Case aCase = cases.byNumber(number).orElseThrow();
        Instant now = clock.instant();
        if (!row.get("risk_level").isEmpty()) {
            aCase.recordRisk(RiskLevel.valueOf(row.get("risk_level")));
        }
        if (!row.get("extension_days").isEmpty()) {
            Instant approved = Days.startOf(row.date("extension_approved_date"));
            Act extending = Act.earlier(by, stationCode, approved, now);
            handling.requestExtension(aCase, Integer.parseInt(row.get("extension_days")), "台账补录", extending);
            handling.decideExtension(aCase, new ExtensionDecisionForm(true, "台账补录", true), extending);
            // written now: without this flush the case's copy of the extended deadline (case_file.extended_due) was
            // lost by the time the transaction ended, for a case created in the same transaction, although the
            // round kept it (seen on PostgreSQL with EclipseLink's batch writing), and the case counted as late
            em.flush();
        }
        LocalDate closed = row.get("closed_date").isEmpty() ? null : row.date("closed_date");
        if (!row.get("mediation_outcome").isEmpty()) {
            MediationOutcome outcome = MediationOutcome.valueOf(row.get("mediation_outcome"));
            Instant held = Days.startOf(closed != null ? closed : acceptedOn);
            mediation.recordSession(aCase, new MediationSessionForm(held.atZone(StationTime.ZONE).toOffsetDateTime(),
                    NOT_IN_LEDGER, null, outcome, outcome.isAgreement() ? NOT_IN_LEDGER : null,
                    outcome.isAgreement() ? null : NOT_IN_LEDGER, null), Act.earlier(by, stationCode, held, now));
        }
        if (closed == null) {
            return new RowResult(row.line(), "CREATED", contactId, number);
        }
        if (!row.get("referral_agency").isEmpty()) {
            Act referring = Act.earlier(by, stationCode, Days.startOf(row.date("referral_date")), now);
            org.weiquan.referral.Referral referral = referrals.refer(aCase, row.get("referral_agency"), true, false,
                    referring);
            if (!row.get("referral_answer").isEmpty()) {
                Instant answered = Days.startOf(row.date("referral_answer_date"));
                referrals.answer(referral, aCase, new org.weiquan.referral.ReferralAnswerForm(
                        org.weiquan.referral.ReferralAnswer.valueOf(row.get("referral_answer")),
                        answered.atZone(StationTime.ZONE).toOffsetDateTime(), "台账补录"),
                        Act.earlier(by, stationCode, answered, now));
            }
        }
        Act closing = Act.earlier(by, stationCode, Days.startOf(closed), now);
        if (ClosureReason.WITHDRAWN.name().equals(row.get("closure_reason"))) {
            handling.withdraw(aCase, "台账补录", closing);
            workflow.endHandling(number, "withdrawn in the ledger before import");
            return new RowResult(row.line(), "CREATED", contactId, number);
        }
        handling.requestClosure(aCase, ClosureReason.valueOf(row.get("closure_reason")), "台账补录", List.of(),
                ClosureEvidence.ofLedger(), closing);
        handling.decideClosure(aCase, new ClosureDecisionForm(true, null), FollowUpPolicy.days(), closing);
        workflow.endHandling(number, "closed in the ledger before import");
        if (!row.get("follow_up_result").isEmpty()) {
            LocalDate visitedOn = row.date("follow_up_date");
            Instant visit = Days.startOf(visitedOn);
            aCase.scheduleFollowUp(FollowUpPolicy.dueOn(closed, FollowUpPolicy.days()));
            handling.recordFollowUp(aCase, new FollowUpForm(visit.atZone(StationTime.ZONE).toOffsetDateTime(),
                    FollowUpResult.valueOf(row.get("follow_up_result")),
                    row.get("agreement_performed").isEmpty() ? null
                            : AgreementPerformed.valueOf(row.get("agreement_performed")), false, "台账补录"),
                    Act.earlier(by, stationCode, visit, now));
        }
        if (!row.get("reopened_date").isEmpty()) {
            reopen(row, aCase, by, stationCode, now);
        }
        return new RowResult(row.line(), "CREATED", contactId, number);
    }

    /**
     * A reopening the ledger records (台账记载的重新办理): a new round from the reopening date, closed again on the
     * second closure date, or handled on from now with its own 60 days from the reopening.
     */
    private void reopen(Row row, Case aCase, String by, String stationCode, Instant now) {
        Act reopening = Act.earlier(by, stationCode, Days.startOf(row.date("reopened_date")), now);
        handling.reopen(aCase, org.weiquan.casefile.RoundStart.REOPENED_IN_LEDGER, "台账补录", reopening);
        em.flush();
        if (row.get("second_closed_date").isEmpty()) {
            workflow.restartHandling(org.weiquan.casefile.HandlingStarts.of(aCase));
            return;
        }
        Act closing = Act.earlier(by, stationCode, Days.startOf(row.date("second_closed_date")), now);
        handling.requestClosure(aCase, ClosureReason.valueOf(row.get("second_closure_reason")), "台账补录", List.of(),
                ClosureEvidence.ofLedger(), closing);
        handling.decideClosure(aCase, new ClosureDecisionForm(true, null), FollowUpPolicy.days(), closing);
        em.flush();
    }

    /** The review decision a row records: as written, or (empty) accepted when it has an acceptance date. */
    static ReviewDecision decision(Row row) {
        String v = row.get("review_decision");
        if (!v.isEmpty()) {
            return ReviewDecision.valueOf(v);
        }
        return row.get("accepted_date").isEmpty() ? ReviewDecision.CONSULTATION_ANSWERED : ReviewDecision.ACCEPTED;
    }

    private static Integer age(Row row, LocalDate receivedOn) {
        String v = row.get("complainant_age");
        if (v.isEmpty()) {
            return null;
        }
        int n = Integer.parseInt(v);
        return v.length() == 4 ? receivedOn.getYear() - n : n;
    }

    private static List<String> otherCategories(Row row) {
        String v = row.get("other_categories");
        return v.isEmpty() ? List.of() : List.of(v.split("\\s*[;；,，]\\s*")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> LedgerColumns.code("category", s)).toList();
    }

    private static String emptyToNull(String v) {
        return v.isEmpty() ? null : v;
    }

    /**
     * Checks a row: every cell, then the rules between cells. One bad cell gives one error: a rule that needs a
     * cell which is itself wrong is not checked again.
     */
    private void check(Row row, Actor actor, InvalidInput.Collector errors) {
        String code = row.get("station_code");
        if (code.isEmpty() || stations.byCode(code).filter(s -> actor.sees(s.path())).isEmpty()) {
            row.error(errors, "station_code", "no station in your scope has this code");
        }
        checkCells(row, LocalDate.now(clock.withZone(StationTime.ZONE)), errors);
        String agency = row.get("referral_agency");
        if (!agency.isEmpty() && !row.isBad("referral_agency")
                && em.find(org.weiquan.station.PartnerAgency.class, agency) == null) {
            row.error(errors, "referral_agency", "no partner agency has this code");
        }
    }

    /** The checks of a row that need no database: each cell once, then the rules between them. */
    static void checkCells(Row row, LocalDate today, InvalidInput.Collector errors) {
        String number = row.get("ledger_number");
        if (number.length() > LEDGER_NUMBER_MAX || !number.isEmpty() && !isPlainName(number)) {
            row.error(errors, "ledger_number", "must be one line of at most " + LEDGER_NUMBER_MAX
                    + " characters, not starting with =, +, - or @");
        }
        LocalDate received = row.dateOrError(errors, "received_date", true);
        if (received != null && (received.isAfter(today) || received.getYear() < 2000)) {
            row.error(errors, "received_date", "must lie between 2000 and today");
            received = null;
        }
        row.enumOrError(errors, "channel", Channel.class, true);
        row.enumOrError(errors, "category", Category.class, true);
        String others = row.get("other_categories");
        if (!others.isEmpty() && otherCategories(row).stream().anyMatch(c -> !LedgerColumns.of("category").values()
                .contains(c))) {
            row.error(errors, "other_categories", "must be category codes separated by ;");
        }
        row.enumOrError(errors, "petition_type", PetitionType.class, false);
        String summary = row.get("summary");
        if (summary.length() > SUMMARY_MAX) {
            row.error(errors, "summary", "is longer than " + SUMMARY_MAX + " characters");
        } else if (!summary.isEmpty() && "=+-@".indexOf(summary.charAt(0)) >= 0) {
            row.error(errors, "summary", "must not start with =, +, - or @ (a spreadsheet formula)");
        }
        String name = row.get("complainant_name");
        if (name.isEmpty() || name.length() > 100) {
            row.error(errors, "complainant_name", "is required, at most 100 characters");
        } else if (!isPlainName(name)) {
            row.error(errors, "complainant_name", NOT_A_NAME);
        }
        row.enumOrError(errors, "complainant_gender", Gender.class, false);
        String age = row.get("complainant_age");
        if (!age.isEmpty()) {
            boolean ok = age.matches("\\d{1,4}");
            if (ok && age.length() == 4) {
                ok = received == null || (Integer.parseInt(age) >= 1890 && Integer.parseInt(age) <= received.getYear());
            } else if (ok) {
                ok = Integer.parseInt(age) <= 130;
            }
            if (!ok) {
                row.error(errors, "complainant_age", "must be an age 0–130 or a birth year (yyyy) before the received date");
            }
        }
        String minor = row.get("minor_involved");
        if (!minor.isEmpty() && !minor.equals("YES") && !minor.equals("NO")) {
            row.error(errors, "minor_involved", "must be YES or NO");
        }
        if (!row.get("complainant_phone").isEmpty() && !PhoneNumber.isValid(row.get("complainant_phone"))) {
            row.error(errors, "complainant_phone", "is not a mainland mobile or landline number");
        }
        if (row.get("respondent_name").length() > 100) {
            row.error(errors, "respondent_name", "is longer than 100 characters");
        } else if (!row.get("respondent_name").isEmpty() && !isPlainName(row.get("respondent_name"))) {
            row.error(errors, "respondent_name", NOT_A_NAME);
        }
        String relation = row.get("respondent_relation");
        if (relation.length() > 50 || !relation.isEmpty() && !isPlainName(relation)) {
            row.error(errors, "respondent_relation", "must be one line of at most 50 characters");
        } else if (!relation.isEmpty() && row.get("respondent_name").isEmpty()) {
            row.error(errors, "respondent_relation", "needs a respondent_name");
        }

        LocalDate acknowledged = row.dateOrError(errors, "acknowledged_date", false);
        if (acknowledged != null && (received != null && acknowledged.isBefore(received) || acknowledged.isAfter(today))) {
            row.error(errors, "acknowledged_date", "must lie between the received date and today");
        }
        boolean formOk = row.enumOrError(errors, "acknowledgement_form", AcknowledgementForm.class, false);
        if (formOk && row.get("acknowledgement_form").isEmpty() && !row.get("acknowledged_date").isEmpty()) {
            row.error(errors, "acknowledgement_form", "is required with an acknowledged_date");
        } else if (formOk && !row.get("acknowledgement_form").isEmpty() && row.get("acknowledged_date").isEmpty()) {
            row.error(errors, "acknowledgement_form", "needs an acknowledged_date");
        }

        boolean decisionOk = row.enumOrError(errors, "review_decision", ReviewDecision.class, false);
        LocalDate accepted = row.dateOrError(errors, "accepted_date", false);
        boolean acceptedOk = !row.isBad("accepted_date");
        if (accepted != null && ((received != null && accepted.isBefore(received)) || accepted.isAfter(today))) {
            row.error(errors, "accepted_date", "must lie between the received date and today");
            acceptedOk = false;
        }
        ReviewDecision decision = decisionOk && acceptedOk ? decision(row) : null;
        LocalDate reviewed = row.dateOrError(errors, "review_date", false);
        if (reviewed != null && (received != null && reviewed.isBefore(received) || reviewed.isAfter(today))) {
            row.error(errors, "review_date", "must lie between the received date and today");
        }
        String referredTo = row.get("referred_to");
        if (referredTo.length() > 200 || !referredTo.isEmpty() && !isPlainName(referredTo)) {
            row.error(errors, "referred_to", "must be one line of at most 200 characters");
        }
        if (decision == ReviewDecision.ACCEPTED && accepted == null) {
            row.error(errors, "accepted_date", "is required for an accepted contact");
        } else if (decision != null && decision != ReviewDecision.ACCEPTED && accepted != null) {
            row.error(errors, "accepted_date", "must be empty: the review decision is " + decision);
        }
        if (decision == ReviewDecision.NOT_ACCEPTED || decision == ReviewDecision.TRANSFERRED) {
            if (row.get("review_date").isEmpty()) {
                row.error(errors, "review_date", "is required when the contact was not accepted or transferred");
            }
            if (referredTo.isEmpty()) {
                row.error(errors, "referred_to", decision == ReviewDecision.TRANSFERRED
                        ? "is required: the body the matter was transferred to"
                        : "is required: where the person was told to go");
            }
        } else if (decision == ReviewDecision.ACCEPTED && !row.get("review_date").isEmpty()) {
            row.error(errors, "review_date", "must be empty for an accepted contact: its date is accepted_date");
        }
        boolean isCase = decision == ReviewDecision.ACCEPTED;

        boolean riskOk = row.enumOrError(errors, "risk_level", RiskLevel.class, false);
        if (riskOk && !row.get("risk_level").isEmpty() && decision != null && !isCase) {
            row.error(errors, "risk_level", "is for an accepted case only");
        }

        LocalDate closed = row.dateOrError(errors, "closed_date", false);
        boolean closedOk = !row.isBad("closed_date");
        if (closed != null && accepted != null && (closed.isBefore(accepted) || closed.isAfter(today))) {
            row.error(errors, "closed_date", "must lie between the accepted date and today");
            closedOk = false;
        } else if (closed != null && acceptedOk && decision != null && !isCase) {
            row.error(errors, "closed_date", "is for an accepted case only (needs an accepted_date)");
            closedOk = false;
        }

        String days = row.get("extension_days");
        LocalDate extended = row.dateOrError(errors, "extension_approved_date", false);
        if (!days.isEmpty()) {
            if (!days.matches("\\d{1,2}") || Integer.parseInt(days) < 1 || Integer.parseInt(days) > 30) {
                row.error(errors, "extension_days", "must be 1–30 days (信访工作条例 art. 34)");
            } else if (decision != null && !isCase) {
                row.error(errors, "extension_days", "is for an accepted case only");
            } else if (row.get("extension_approved_date").isEmpty()) {
                row.error(errors, "extension_approved_date", "is required with extension_days");
            }
        } else if (extended != null) {
            row.error(errors, "extension_approved_date", "needs extension_days");
            extended = null;
        }
        if (extended != null && accepted != null && closedOk
                && (extended.isBefore(accepted) || closed != null && extended.isAfter(closed) || extended.isAfter(today))) {
            row.error(errors, "extension_approved_date", "must lie between the accepted date and the closed date (or today)");
        }

        String reason = row.get("closure_reason");
        boolean reasonOk = true;
        if (closedOk && closed != null && reason.isEmpty()) {
            row.error(errors, "closure_reason", "is required for a closed case");
            reasonOk = false;
        } else if (!reason.isEmpty()) {
            reasonOk = row.enumOrError(errors, "closure_reason", ClosureReason.class, true);
            if (reasonOk && closedOk && closed == null) {
                row.error(errors, "closure_reason", "needs a closed_date");
                reasonOk = false;
            }
        }

        String outcome = row.get("mediation_outcome");
        if (!outcome.isEmpty() && !MEDIATION.contains(outcome)) {
            row.error(errors, "mediation_outcome", "must be one of " + sorted(MEDIATION));
        } else if (!outcome.isEmpty() && decision != null && !isCase) {
            row.error(errors, "mediation_outcome", "is for an accepted case only");
        } else if (reasonOk && !reason.isEmpty()) {
            String needed = mediationFor(reason);
            if (needed != null && !needed.contains(outcome.isEmpty() ? "-" : outcome)) {
                row.error(errors, "mediation_outcome", "must be " + needed.replace("|", " or ")
                        + " for closure reason " + reason);
            } else if (needed == null && (outcome.equals("WRITTEN_AGREEMENT") || outcome.equals("ORAL_AGREEMENT"))
                    && ClosureReason.valueOf(reason) == ClosureReason.MEDIATION_FAILED_ADVISED) {
                row.error(errors, "mediation_outcome", "an agreement contradicts closure reason " + reason);
            }
        }

        LocalDate visited = row.dateOrError(errors, "follow_up_date", false);
        boolean resultOk = row.enumOrError(errors, "follow_up_result", FollowUpResult.class, false);
        boolean followedUp = resultOk && !row.get("follow_up_result").isEmpty();
        if (followedUp && closedOk && reasonOk && (closed == null || ClosureReason.WITHDRAWN.name().equals(reason))) {
            row.error(errors, "follow_up_result", "is for a closed case (not withdrawn) only");
        } else if (followedUp && row.get("follow_up_date").isEmpty()) {
            row.error(errors, "follow_up_date", "is required with a follow-up result");
        } else if (visited != null && !followedUp && resultOk) {
            row.error(errors, "follow_up_date", "needs a follow_up_result");
        } else if (visited != null && closed != null && (visited.isBefore(closed) || visited.isAfter(today))) {
            row.error(errors, "follow_up_date", "must lie between the closed date and today");
        }
        boolean performedOk = row.enumOrError(errors, "agreement_performed", AgreementPerformed.class, false);
        if (performedOk && !row.get("agreement_performed").isEmpty() && resultOk && !followedUp) {
            row.error(errors, "agreement_performed", "needs a follow_up_result");
        }

        String agency = row.get("referral_agency");
        LocalDate referred = row.dateOrError(errors, "referral_date", false);
        if (!agency.isEmpty()) {
            if (agency.length() > 32 || !isPlainName(agency)) {
                row.error(errors, "referral_agency", "is not a partner agency's code");
            } else if (closedOk && reasonOk && (closed == null || ClosureReason.WITHDRAWN.name().equals(reason))) {
                row.error(errors, "referral_agency", "is for a closed case only: an open case's referral is made in Weiquan");
            } else if (row.get("referral_date").isEmpty()) {
                row.error(errors, "referral_date", "is required with a referral_agency");
            } else if (referred != null && accepted != null && closed != null
                    && (referred.isBefore(accepted) || referred.isAfter(closed))) {
                row.error(errors, "referral_date", "must lie between the accepted date and the closed date");
                referred = null;
            }
        } else if (referred != null) {
            row.error(errors, "referral_date", "needs a referral_agency");
            referred = null;
        }
        boolean answerOk = row.enumOrError(errors, "referral_answer", org.weiquan.referral.ReferralAnswer.class, false);
        LocalDate answeredOn = row.dateOrError(errors, "referral_answer_date", false);
        if (answerOk && !row.get("referral_answer").isEmpty() && agency.isEmpty()) {
            row.error(errors, "referral_answer", "needs a referral_agency");
        } else if (answerOk && !row.get("referral_answer").isEmpty() && row.get("referral_answer_date").isEmpty()) {
            row.error(errors, "referral_answer_date", "is required with a referral_answer");
        } else if (answeredOn != null && answerOk && row.get("referral_answer").isEmpty()) {
            row.error(errors, "referral_answer_date", "needs a referral_answer");
        } else if (answeredOn != null && referred != null && closed != null
                && (answeredOn.isBefore(referred) || answeredOn.isAfter(closed))) {
            row.error(errors, "referral_answer_date", "must lie between the referral date and the closed date");
        }

        LocalDate reopened = row.dateOrError(errors, "reopened_date", false);
        if (reopened != null && closedOk && reasonOk) {
            if (closed == null || ClosureReason.WITHDRAWN.name().equals(reason)) {
                row.error(errors, "reopened_date", "needs a closed case (not withdrawn)");
                reopened = null;
            } else if (reopened.isBefore(closed) || visited != null && reopened.isBefore(visited)
                    || reopened.isAfter(today)) {
                row.error(errors, "reopened_date", "must lie between the closed date (and the follow-up date) and today");
                reopened = null;
            }
        }
        LocalDate closedAgain = row.dateOrError(errors, "second_closed_date", false);
        String secondReason = row.get("second_closure_reason");
        boolean secondReasonOk = row.enumOrError(errors, "second_closure_reason", ClosureReason.class, false);
        if (secondReasonOk && ClosureReason.WITHDRAWN.name().equals(secondReason)) {
            row.error(errors, "second_closure_reason", "WITHDRAWN is not a closure here");
        } else if (closedAgain != null && row.get("reopened_date").isEmpty()) {
            row.error(errors, "second_closed_date", "needs a reopened_date");
        } else if (closedAgain != null && reopened != null && (closedAgain.isBefore(reopened) || closedAgain.isAfter(today))) {
            row.error(errors, "second_closed_date", "must lie between the reopened date and today");
        } else if (closedAgain != null && secondReasonOk && secondReason.isEmpty()) {
            row.error(errors, "second_closure_reason", "is required with a second_closed_date");
        } else if (secondReasonOk && !secondReason.isEmpty() && row.get("second_closed_date").isEmpty()) {
            row.error(errors, "second_closure_reason", "needs a second_closed_date");
        }
    }

    /**
     * The mediation outcomes a closure reason needs, as alternatives separated by |; null when the reason says
     * nothing of a mediation.
     */
    static String mediationFor(String reason) {
        return switch (ClosureReason.valueOf(reason)) {
            case MEDIATED_WRITTEN -> "WRITTEN_AGREEMENT";
            case MEDIATED_ORAL -> "ORAL_AGREEMENT";
            case MEDIATION_FAILED_ADVISED -> "TERMINATED|REFUSED";
            default -> null;
        };
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    static final String NOT_A_NAME = "must be one line and must not start with =, +, - or @ (a spreadsheet formula)";

    /**
     * A cell that a spreadsheet would run as a formula (=, +, - or @ first) or with control characters is
     * no name: it is refused, never stored, so that no export or later ledger can carry it.
     */
    static boolean isPlainName(String name) {
        return "=+-@".indexOf(name.charAt(0)) < 0 && name.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    static List<Row> readCsv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).setDuplicateHeaderMode(
                        org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<Integer, String> columns = columns(parser.getHeaderNames(), "template.csv");
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                Map<String, String> cells = new HashMap<>();
                columns.forEach((i, column) -> cells.put(column, i < r.size() ? r.get(i) : ""));
                rows.add(new Row((int) r.getRecordNumber() + 1, cells));
                requireAtMostMaxRows(rows.size());
            }
            requireSomeRows(rows.size());
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw InvalidInput.of("body", "is not a well-formed CSV file");
        }
    }

    /**
     * The template columns of a header, by position: a cell may name a column by its code, its Chinese name or both
     * (other cells are ignored); every column of the first template must be there, none twice.
     */
    static Map<Integer, String> columns(List<String> header, String template) {
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            int at = i;
            LedgerColumns.named(header.get(i)).ifPresent(name -> {
                if (columns.containsValue(name)) {
                    throw InvalidInput.of("header", "column " + name + " appears twice");
                }
                columns.put(at, name);
            });
        }
        requireColumns(columns.values(), template);
        return columns;
    }

    /** Every column of the first template is in the file's header (other columns are ignored). */
    static void requireColumns(Collection<String> header, String template) {
        List<String> missing = LedgerColumns.MUST_BE_PRESENT.stream().filter(c -> !header.contains(c)).toList();
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
     * header is row 1 in the template), {@code cells} the text of each template column (coded cells as their
     * codes). Rows are compared by identity: two identical rows of a file are two rows.
     */
    static final class Row {
        private final int line;
        private final Map<String, String> cells;
        private final Set<String> bad = new HashSet<>();

        Row(int line, Map<String, String> cells) {
            this.line = line;
            this.cells = new HashMap<>();
            cells.forEach((column, value) -> this.cells.put(column,
                    LedgerColumns.code(column, value == null ? "" : value.strip())));
        }

        int line() {
            return line;
        }

        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v;
        }

        /** The cells in template order. */
        List<String> values() {
            return COLUMNS.stream().map(this::get).toList();
        }

        LocalDate date(String column) {
            return LocalDate.parse(get(column));
        }

        boolean isBad(String column) {
            return bad.contains(column);
        }

        void error(InvalidInput.Collector errors, String column, String message) {
            if (bad.add(column)) {
                errors.add("row " + line + ": " + column, message);
            }
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

        /** Whether the cell is acceptable (empty when not required, or one of the enum's values). */
        <E extends Enum<E>> boolean enumOrError(InvalidInput.Collector errors, String column, Class<E> type,
                                               boolean required) {
            String v = get(column);
            if (v.isEmpty()) {
                if (required) {
                    error(errors, column, "is required");
                    return false;
                }
                return true;
            }
            InvalidInput.Collector local = new InvalidInput.Collector();
            if (Fields.enumValue(local, column, v, type) == null) {
                error(errors, column, "is not one of the allowed values (see the template and README)");
                return false;
            }
            return true;
        }
    }
}
