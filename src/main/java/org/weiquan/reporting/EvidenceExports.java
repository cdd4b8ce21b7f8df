package org.weiquan.reporting;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.casework.CaseFileService;
import org.weiquan.casework.CaseFileView;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Users;

import java.time.Clock;

/**
 * A case's evidence record as a PDF. The file is read through {@link CaseFileService#open}, which checks
 * the role and the scope (another station's case is not found) and logs the opening; the export itself
 * is logged too. Unlike the rest of {@code reporting}, this depends on {@code casework}: the record is
 * the case file, cut down ({@link EvidenceRecord}). Staff appear by their names, not their user names.
 */
@Stateless
public class EvidenceExports {

    @Inject
    CaseFileService files;

    @Inject
    CurrentActor currentActor;

    @EJB
    AccessLog accessLog;

    @Inject
    Users users;

    @Inject
    Clock clock;

    public Export evidenceRecord(String number) {
        CaseFileView file = files.open(number);
        Actor actor = currentActor.get();
        EvidenceRecord record = EvidenceRecord.of(file, clock.instant(), actor.username(), this::displayName);
        byte[] pdf = EvidenceRecordPdf.build(record);
        accessLog.record(actor, AccessAction.EXPORT, file.contact().id(), file.number(), "导出求助记录（PDF）");
        return new Export(Export.safeName("evidence-record-" + file.number()) + ".pdf", Export.PDF, pdf);
    }

    /** A user's name as people know it; the system and ledger imports as such. */
    String displayName(String username) {
        if (username == null) {
            return "";
        }
        if ("system".equals(username)) {
            return "系统";
        }
        if (username.startsWith("ledger:")) {
            return "台账导入（" + displayName(username.substring("ledger:".length())) + "）";
        }
        return users.byUsername(username).map(u -> u.displayName()).orElse(username);
    }
}
