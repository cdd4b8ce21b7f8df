package org.weiquan.intake;

import jakarta.ejb.ApplicationException;
import org.weiquan.shared.Conflict;

import java.util.List;

/**
 * Registration stopped because earlier contacts look like the same matter: the user links the new
 * contact as a repeat visit or confirms it is new, then registers again.
 */
@ApplicationException(rollback = true)
public class DuplicatesFound extends Conflict {

    private final transient List<DuplicateCandidate> candidates;

    public DuplicatesFound(List<DuplicateCandidate> candidates) {
        super(candidates.size() + " earlier contact(s) may be the same matter: link as a repeat visit "
                + "(repeatOfContactId) or confirm it is new (confirmedNew)");
        this.candidates = List.copyOf(candidates);
    }

    public List<DuplicateCandidate> candidates() {
        return candidates;
    }
}
