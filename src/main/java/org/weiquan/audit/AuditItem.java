package org.weiquan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.casefile.Case;
import org.weiquan.shared.Conflict;

import java.time.Instant;

/** One sampled case and its review against the checklist. */
@Entity
@Table(name = "closure_audit_item")
public class AuditItem {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "closure_audit_item_seq")
    @SequenceGenerator(name = "closure_audit_item_seq", sequenceName = "closure_audit_item_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "audit_id")
    private ClosureAudit audit;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Case aCase;

    @Column(name = "evidence_present")
    private Boolean evidencePresent;

    @Column(name = "reason_consistent")
    private Boolean reasonConsistent;

    @Column(name = "follow_up_done")
    private Boolean followUpDone;

    @Column(name = "person_satisfied")
    private Boolean personSatisfied;

    private Boolean passed;

    @Column(name = "audit_comment", length = 1000)
    private String comment;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    @Column(name = "reviewed_by", length = 64)
    private String reviewedBy;

    @Version
    private long version;

    protected AuditItem() {
    }

    AuditItem(ClosureAudit audit, Case aCase) {
        this.audit = audit;
        this.aCase = aCase;
    }

    /** The checklist; a case passes only when every point holds, and a failure needs a comment. */
    void review(boolean evidence, boolean consistent, boolean followUp, boolean satisfied, String comment, Instant at,
                String by) {
        if (reviewedAt != null) {
            throw new Conflict("this case of the audit was already reviewed");
        }
        this.evidencePresent = evidence;
        this.reasonConsistent = consistent;
        this.followUpDone = followUp;
        this.personSatisfied = satisfied;
        this.passed = evidence && consistent && followUp && satisfied;
        this.comment = comment;
        this.reviewedAt = at;
        this.reviewedBy = by;
    }

    public Case aCase() {
        return aCase;
    }

    public Boolean passed() {
        return passed;
    }

    public Boolean evidencePresent() {
        return evidencePresent;
    }

    public Boolean reasonConsistent() {
        return reasonConsistent;
    }

    public Boolean followUpDone() {
        return followUpDone;
    }

    public Boolean personSatisfied() {
        return personSatisfied;
    }

    public String comment() {
        return comment;
    }

    public Instant reviewedAt() {
        return reviewedAt;
    }

    public String reviewedBy() {
        return reviewedBy;
    }
}
