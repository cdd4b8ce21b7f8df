package org.weiquan.casefile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * 案件办理: the mediator's next step. REQUEST_CLOSURE names the closure reason and brings its evidence
 * (a note for OTHER, three documented contact attempts for LOST_CONTACT).
 */
public record HandlingStepForm(
        @NotNull(message = "{required}") HandlingStep step,
        ClosureReason closureReason,
        @Size(max = 2000, message = "{tooLong}") String closureNote,
        @Size(max = 20, message = "{tooMany}") List<@Valid @NotNull(message = "{required}") ContactAttemptForm> contactAttempts) {

    public List<ContactAttempt> attempts() {
        return contactAttempts == null ? List.of() : contactAttempts.stream().map(ContactAttemptForm::toAttempt).toList();
    }
}
