package org.weiquan.casefile;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.LocalDate;

/** One documented attempt to reach the person: a closure as LOST_CONTACT needs at least three. */
@Embeddable
public class ContactAttempt {

    @Column(name = "attempted_on", nullable = false)
    private LocalDate attemptedOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ContactMeans means;

    @Column(length = 500)
    private String note;

    protected ContactAttempt() {
    }

    public ContactAttempt(LocalDate attemptedOn, ContactMeans means, String note) {
        this.attemptedOn = attemptedOn;
        this.means = means;
        this.note = note;
    }

    public LocalDate attemptedOn() {
        return attemptedOn;
    }

    public ContactMeans means() {
        return means;
    }

    public String note() {
        return note;
    }
}
