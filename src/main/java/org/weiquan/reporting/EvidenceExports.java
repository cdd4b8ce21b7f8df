package org.weiquan.reporting;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.weiquan.casefile.CaseFileService;
import org.weiquan.casefile.CaseFileView;
import org.weiquan.casefile.CaseTasks;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's evidence record as a PDF. The file is read through {@link CaseFileService#open}, which checks
 * the role and the scope (another station's case is not found) and logs the opening; the export itself
 * is logged too. Unlike the rest of {@code reporting}, this depends on {@code casefile}: the record is
 * the case file, cut down ({@link EvidenceRecord}).
 */
@Stateless
public class EvidenceExports {

    static final String MEDIATION_SESSION = "Task_HoldMediationSession";

    @Inject
    CaseFileService files;

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    public Export evidenceRecord(String number) {
        CaseFileView file = files.open(number);
        Actor actor = currentActor.get();
        EvidenceRecord record = EvidenceRecord.of(file, agreements(file), clock.instant(), actor.username());
        byte[] pdf = EvidenceRecordPdf.build(record);
        accessLog.record(actor, AccessAction.EXPORT, file.contact().id(), file.number(), "evidence record pdf");
        return new Export(Export.safeName("evidence-record-" + file.number()) + ".pdf", Export.PDF, pdf);
    }

    /** The outcome and terms that completed mediation sessions recorded in their forms. */
    static List<EvidenceRecord.Agreement> agreements(CaseFileView file) {
        List<EvidenceRecord.Agreement> agreements = new ArrayList<>();
        for (CaseTasks.CompletedTask t : file.completedTasks()) {
            if (!MEDIATION_SESSION.equals(t.key()) || t.data() == null || t.data().isBlank()) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(t.data()))) {
                JsonObject form = reader.readObject();
                String terms = form.getString("agreementTerms", "");
                if (!terms.isBlank()) {
                    agreements.add(new EvidenceRecord.Agreement(t.taskId(), form.getString("outcome", t.outcome()),
                            terms));
                }
            } catch (JsonException | ClassCastException e) {
                // a form that is not an object records no terms
            }
        }
        return agreements;
    }
}
