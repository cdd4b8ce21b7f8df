package org.weiquan.casework;

/**
 * The deadlines of DESIGN §3 with their legal basis: what a chase (督办) is about when one passes. The models'
 * escalations name them ({@code overdue}); days are counted by {@link org.weiquan.shared.Days}.
 */
public enum Deadline {
    /** 15 days from receipt (or from a transfer here): decision and acknowledgement. */
    ACCEPTANCE("信访工作条例 art. 22-23"),
    /** 5 working days after a transfer to object that the matter is not the receiving station's. */
    TRANSFER_OBJECTION("信访工作条例 art. 23"),
    /** Immediately; chased after 4 hours. */
    MANDATORY_REPORT("未成年人保护法 art. 11; 反家庭暴力法 art. 14"),
    /** 24 hours from acceptance (or from domestic violence first recorded). */
    RISK_ASSESSMENT("DESIGN §3"),
    /** 24 hours from a HIGH danger assessment: safety plan, police/shelter referral, protection order offered. */
    URGENT_PROTECTION("反家庭暴力法 art. 23-28"),
    /** 3 days from acceptance. */
    MEDIATOR_ASSIGNMENT("station practice"),
    /** 60 days from acceptance or reopening, once extended by at most 30 days. */
    HANDLING("信访工作条例 art. 34"),
    /** 72 hours from the application, 24 when urgent. */
    PROTECTION_ORDER_RULING("反家庭暴力法 art. 28"),
    /** 7 days for a legal-aid centre, 15 for other agencies, 1 when urgent. */
    REFERRAL_ANSWER("法律援助法 art. 43"),
    /** 30 days for the reviewing level to answer a review or a re-review. */
    REVIEW_ANSWER("信访工作条例 art. 35-36");

    private final String basis;

    Deadline(String basis) {
        this.basis = basis;
    }

    public String basis() {
        return basis;
    }
}
