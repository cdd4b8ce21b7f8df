package org.weiquan.casefile;

/** Why a case was closed (DESIGN §5): one per closure. */
public enum ClosureReason {
    MEDIATED_WRITTEN,
    MEDIATED_ORAL,
    MEDIATION_FAILED_ADVISED,
    REFERRAL_COMPLETED,
    CLAIM_SUPPORTED,
    EXPLAINED,
    NOT_SUPPORTED,
    IN_LITIGATION,
    WITHDRAWN,
    /** needs at least three documented contact attempts */
    LOST_CONTACT,
    DUPLICATE_MERGED,
    OUT_OF_SCOPE,
    MOVED_OR_DECEASED,
    /** free text; always audited */
    OTHER
}
