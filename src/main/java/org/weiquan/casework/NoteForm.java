package org.weiquan.casework;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A chase, reminder or warning (督办, 提醒, 预警): what was done about it. */
public record NoteForm(@NotNull(message = "{required}") @Size(max = 2000, message = "{tooLong}") String note) {
}
