package org.weiquan.timeline;

import java.util.Objects;

/** One field that changed; personal values are recorded masked. */
public record Change(String field, String oldValue, String newValue) {

    public boolean isChange() {
        return !Objects.equals(oldValue, newValue);
    }
}
