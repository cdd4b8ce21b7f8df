package org.weiquan.casefile;

import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.intake.Category;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which closed cases get a follow-up visit (回访) and when: the one place that says so, for the process,
 * the case file, the reports and the ledger import. Family disputes and domestic violence are visited
 * {@code WEIQUAN_FOLLOW_UP_DAYS} days (30 by default) after the approved closure.
 */
public final class FollowUpPolicy {

    public static final Set<Category> FOLLOWED_UP = EnumSet.of(Category.DOMESTIC_VIOLENCE, Category.MARRIAGE_DISPUTE,
            Category.DIVORCE_PROPERTY, Category.CHILD_CUSTODY_SUPPORT, Category.ELDER_SUPPORT, Category.INHERITANCE);
    public static final int DEFAULT_DAYS = 30;

    private FollowUpPolicy() {
    }

    public static boolean followsUp(Category primaryCategory) {
        return primaryCategory != null && FOLLOWED_UP.contains(primaryCategory);
    }

    /** Days after the closure date; from the configuration, read each time so that a test may change it. */
    public static int days() {
        return ConfigProvider.getConfig(FollowUpPolicy.class.getClassLoader())
                .getOptionalValue("weiquan.follow.up.days", Integer.class).orElse(DEFAULT_DAYS);
    }

    public static LocalDate dueOn(LocalDate closedOn, int days) {
        return closedOn.plusDays(days);
    }
}
