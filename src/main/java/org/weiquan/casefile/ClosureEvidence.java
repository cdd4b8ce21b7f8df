package org.weiquan.casefile;

/**
 * What the case's records show when a closure is requested: the facts a closure reason needs as evidence.
 * Gathered by the caller from the mediation, referral and reply records. {@code inPaperFile}: the closure is
 * taken from a station's ledger, whose evidence lies in the paper file and is not checked here.
 * {@code unansweredReferrals}: the referrals still waiting for the agency's answer, as the closure form lists them
 * ("R1 清溪县民政局").
 */
public record ClosureEvidence(boolean writtenAgreement, boolean oralAgreement, boolean mediationFailed,
                              boolean referralDone, java.util.List<String> unansweredReferrals, boolean needsWrittenReply,
                              boolean writtenReplySent, boolean inPaperFile) {

    /** A ledger's closure: the paper file holds the evidence. */
    public static ClosureEvidence ofLedger() {
        return new ClosureEvidence(false, false, false, false, java.util.List.of(), false, false, true);
    }
}
