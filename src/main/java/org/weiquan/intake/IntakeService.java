package org.weiquan.intake;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;
import org.weiquan.workflow.WorkItems;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Registers contacts and shows them. A contact and its review process are written in one
 * transaction: if either fails, neither remains.
 */
@Stateless
public class IntakeService {

    static final int SUMMARY_MAX = 4000;
    static final Instant EARLIEST_RECEIVED = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    /** Clocks of the registering PC and the server may differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    Contacts contacts;

    @Inject
    Stations stations;

    @Inject
    ContactReview review;

    @Inject
    WorkItems workItems;

    @Inject
    Clock clock;

    @Resource
    SessionContext session;

    public ContactDetails register(ContactRegistration input) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Optional<Station> station = Optional.empty();
        if (isBlank(input.stationCode())) {
            errors.add("stationCode", "is required");
        } else {
            station = stations.byCode(input.stationCode().strip());
            if (station.isEmpty()) {
                errors.add("stationCode", "no station has this code");
            }
        }
        Channel channel = null;
        if (isBlank(input.channel())) {
            errors.add("channel", "is required");
        } else {
            try {
                channel = Channel.valueOf(input.channel().strip());
            } catch (IllegalArgumentException e) {
                errors.add("channel", "must be one of " + Arrays.stream(Channel.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")));
            }
        }
        Instant now = clock.instant();
        if (input.receivedAt() == null) {
            errors.add("receivedAt", "is required");
        } else if (input.receivedAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("receivedAt", "lies in the future");
        } else if (input.receivedAt().toInstant().isBefore(EARLIEST_RECEIVED)) {
            errors.add("receivedAt", "lies before 2000");
        }
        if (isBlank(input.summary())) {
            errors.add("summary", "is required");
        } else if (input.summary().length() > SUMMARY_MAX) {
            errors.add("summary", "is longer than " + SUMMARY_MAX + " characters");
        }
        errors.throwIfAny();

        Contact contact = Contact.register(station.orElseThrow(), channel, input.receivedAt().toInstant(),
                input.summary().strip(), now, currentUser());
        contacts.add(contact);
        review.start(contact);
        return details(contact);
    }

    public ContactDetails find(long id) {
        return details(contacts.byId(id).orElseThrow(() -> new NotFound("contact " + id)));
    }

    private ContactDetails details(Contact c) {
        return new ContactDetails(c.id(), c.station().code(), c.station().name(), c.channel(), c.receivedAt(),
                c.summary(), c.status(), c.registeredAt(), c.registeredBy(), c.reviewDue(),
                workItems.openTasks(ContactReview.PROCESS, ContactReview.businessKey(c.id())));
    }

    private String currentUser() {
        var principal = session.getCallerPrincipal();
        return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
