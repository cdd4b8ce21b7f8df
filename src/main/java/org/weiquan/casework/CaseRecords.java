package org.weiquan.casework;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.ClosureEvidence;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSession;
import org.weiquan.referral.Referral;
import org.weiquan.referral.ReferralService;
import org.weiquan.referral.ReferralStatus;

import java.util.List;

/** What a case's records show, gathered across capabilities: the evidence a closure request is checked against. */
@ApplicationScoped
public class CaseRecords {

    @Inject
    MediationService mediation;

    @Inject
    ReferralService referrals;

    @Inject
    CaseFiles cases;

    /** The evidence in the current round (mediations and replies of earlier rounds do not close this one). */
    public ClosureEvidence evidence(Case aCase) {
        int round = aCase.currentRound().number();
        List<MediationSession> sessions = mediation.sessionsOf(aCase.id()).stream()
                .filter(s -> s.roundNumber() == round).toList();
        List<Referral> all = referrals.ofCase(aCase.id());
        return new ClosureEvidence(
                sessions.stream().anyMatch(s -> s.outcome() == MediationOutcome.WRITTEN_AGREEMENT),
                sessions.stream().anyMatch(s -> s.outcome() == MediationOutcome.ORAL_AGREEMENT),
                sessions.stream().anyMatch(s -> s.outcome() == MediationOutcome.TERMINATED
                        || s.outcome() == MediationOutcome.REFUSED),
                all.stream().anyMatch(r -> r.status() == ReferralStatus.DONE),
                // answered (accepted, outcome to come) is enough: the approval settles those with the case
                all.stream().filter(r -> r.status() == ReferralStatus.REQUESTED)
                        .map(r -> "R" + r.number() + " " + r.agency().name()).toList(),
                aCase.needsWrittenReply(),
                cases.repliesOf(aCase).stream().anyMatch(r -> r.roundNumber() == round), false);
    }
}
