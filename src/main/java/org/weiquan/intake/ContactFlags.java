package org.weiquan.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a station must notice about a contact: who is vulnerable, and how it came. */
@Embeddable
public class ContactFlags {

    public static final List<String> NAMES = List.of("minorInvolved", "withoutCapacity", "disability", "elderly",
            "pregnant", "groupVisit", "repeatVisit");

    @Column(name = "minor_involved", nullable = false)
    private boolean minorInvolved;
    @Column(name = "without_capacity", nullable = false)
    private boolean withoutCapacity;
    @Column(nullable = false)
    private boolean disability;
    @Column(nullable = false)
    private boolean elderly;
    @Column(nullable = false)
    private boolean pregnant;
    @Column(name = "group_visit", nullable = false)
    private boolean groupVisit;
    @Column(name = "repeat_visit", nullable = false)
    private boolean repeatVisit;

    protected ContactFlags() {
    }

    /** Flags from their names (see {@link #NAMES}); unknown names are the caller's to refuse. */
    public static ContactFlags of(Set<String> names) {
        ContactFlags f = new ContactFlags();
        f.minorInvolved = names.contains("minorInvolved");
        f.withoutCapacity = names.contains("withoutCapacity");
        f.disability = names.contains("disability");
        f.elderly = names.contains("elderly");
        f.pregnant = names.contains("pregnant");
        f.groupVisit = names.contains("groupVisit");
        f.repeatVisit = names.contains("repeatVisit");
        return f;
    }

    ContactFlags markRepeatVisit() {
        ContactFlags f = of(Set.copyOf(names()));
        f.repeatVisit = true;
        return f;
    }

    public List<String> names() {
        List<String> on = new ArrayList<>();
        if (minorInvolved) on.add("minorInvolved");
        if (withoutCapacity) on.add("withoutCapacity");
        if (disability) on.add("disability");
        if (elderly) on.add("elderly");
        if (pregnant) on.add("pregnant");
        if (groupVisit) on.add("groupVisit");
        if (repeatVisit) on.add("repeatVisit");
        return on;
    }

    public boolean minorInvolved() {
        return minorInvolved;
    }

    public boolean withoutCapacity() {
        return withoutCapacity;
    }

    public boolean repeatVisit() {
        return repeatVisit;
    }
}
