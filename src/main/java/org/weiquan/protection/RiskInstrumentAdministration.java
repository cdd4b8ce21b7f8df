package org.weiquan.protection;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The administrator of the county drafts a new version of the risk instrument (questions, weights, critical
 * questions, band thresholds), reviews it and publishes it (issue 18). New assessments use the published
 * version; every earlier assessment keeps the version it was made with.
 */
@Stateless
public class RiskInstrumentAdministration {

    private static final Logger LOG = Logger.getLogger(RiskInstrumentAdministration.class.getName());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern QUESTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    @PersistenceContext
    EntityManager em;

    @Inject
    CurrentActor currentActor;

    @Inject
    RiskInstrument instrument;

    @Inject
    Clock clock;

    /** A question as typed. */
    public record QuestionInput(String id, String text, Integer weight, Boolean critical) {
    }

    /** A version as typed: its id, name, questions and the scores from which MEDIUM and HIGH begin (LOW from 0). */
    public record Draft(String id, String name, List<QuestionInput> questions, Integer mediumFrom, Integer highFrom) {
    }

    /** Every version, newest draft first, and which one is in use. */
    public List<RiskInstrumentVersion> versions() {
        requireCountyAdmin();
        return em.createQuery("SELECT v FROM RiskInstrumentVersion v ORDER BY v.draftedAt DESC", RiskInstrumentVersion.class)
                .getResultList();
    }

    public RiskInstrumentVersion version(String id) {
        requireCountyAdmin();
        return find(id, null);
    }

    /** The definition of a version, parsed. */
    public RiskInstrument.Definition definition(RiskInstrumentVersion v) {
        return RiskInstrument.parse(v.definition());
    }

    public RiskInstrumentVersion draft(Draft input) {
        Actor actor = requireCountyAdmin();
        String definition = checked(input);
        String id = input.id().strip();
        if (id.equals(instrument.seed().id()) || em.find(RiskInstrumentVersion.class, id) != null) {
            throw new Conflict("a version with this id exists");
        }
        RiskInstrumentVersion v = new RiskInstrumentVersion(id, input.name().strip(), definition, clock.instant(),
                actor.username());
        em.persist(v);
        em.flush();
        return v;
    }

    public RiskInstrumentVersion redraft(String id, Draft input, Long version) {
        Actor actor = requireCountyAdmin();
        RiskInstrumentVersion v = find(id, version);
        if (input != null && input.id() != null && !input.id().strip().equals(v.id())) {
            throw InvalidInput.of("id", "cannot change");
        }
        String definition = checked(input == null ? null
                : new Draft(v.id(), input.name(), input.questions(), input.mediumFrom(), input.highFrom()));
        v.redraft(input.name().strip(), definition, clock.instant(), actor.username());
        em.flush();
        return v;
    }

    /** The administrator has checked the draft: from now on it never changes. */
    public RiskInstrumentVersion review(String id, Long version) {
        Actor actor = requireCountyAdmin();
        RiskInstrumentVersion v = find(id, version);
        v.review(clock.instant(), actor.username());
        em.flush();
        return v;
    }

    /** New assessments use this version from now on; earlier ones keep theirs. */
    public RiskInstrumentVersion publish(String id, Long version) {
        Actor actor = requireCountyAdmin();
        RiskInstrumentVersion v = find(id, version);
        v.publish(clock.instant(), actor.username());
        em.flush();
        LOG.info(actor.username() + " published risk instrument version " + v.id());
        return v;
    }

    private RiskInstrumentVersion find(String id, Long version) {
        RiskInstrumentVersion v = id == null || id.isBlank() ? null : em.find(RiskInstrumentVersion.class, id.strip());
        if (v == null) {
            throw new NotFound("risk instrument version");
        }
        if (version != null && version != v.version()) {
            throw new Conflict("the version was changed meanwhile; reload it", v.version());
        }
        return v;
    }

    private Actor requireCountyAdmin() {
        Actor actor = currentActor.get().require(Role.ADMIN);
        if (!actor.isAtRoot()) {
            throw new Forbidden("the risk instrument is the whole county's: an administrator of the county station changes it");
        }
        return actor;
    }

    /** Checks a draft and gives its definition as JSON, in the form of {@code seeds/risk-instrument.json}. */
    static String checked(Draft input) {
        if (input == null) {
            throw InvalidInput.of("body", "is required");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (input.id() == null || input.id().isBlank()) {
            errors.add("id", "is required");
        } else if (!ID.matcher(input.id().strip()).matches()) {
            errors.add("id", "must be 1 to 64 letters digits dots hyphens or underscores");
        }
        if (input.name() == null || input.name().isBlank()) {
            errors.add("name", "is required");
        } else if (input.name().strip().length() > 200) {
            errors.add("name", "is longer than 200 characters");
        }
        JsonArrayBuilder questions = Jsonp.createArrayBuilder();
        if (input.questions() == null || input.questions().isEmpty()) {
            errors.add("questions", "needs at least one question");
        } else if (input.questions().size() > 100) {
            errors.add("questions", "has more than 100 questions");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < input.questions().size(); i++) {
                QuestionInput q = input.questions().get(i);
                String at = "questions[" + i + "]";
                if (q == null) {
                    errors.add(at, "is required");
                    continue;
                }
                if (q.id() == null || !QUESTION_ID.matcher(q.id().strip()).matches()) {
                    errors.add(at + ".id", "must be 1 to 16 letters digits hyphens or underscores");
                } else if (!ids.add(q.id().strip())) {
                    errors.add(at + ".id", "is used twice");
                }
                if (q.text() == null || q.text().isBlank()) {
                    errors.add(at + ".text", "is required");
                } else if (q.text().strip().length() > 500) {
                    errors.add(at + ".text", "is longer than 500 characters");
                }
                if (q.weight() == null || q.weight() < 0 || q.weight() > 100) {
                    errors.add(at + ".weight", "must be between 0 and 100");
                }
                if (!errors.hasErrors()) {
                    questions.add(Jsonp.createObjectBuilder().add("id", q.id().strip()).add("text", q.text().strip())
                            .add("weight", q.weight()).add("critical", Boolean.TRUE.equals(q.critical())));
                }
            }
        }
        if (input.mediumFrom() == null || input.mediumFrom() < 1 || input.mediumFrom() > 10000) {
            errors.add("mediumFrom", "must be between 1 and 10000");
        }
        if (input.highFrom() == null || input.highFrom() < 1 || input.highFrom() > 10000) {
            errors.add("highFrom", "must be between 1 and 10000");
        } else if (input.mediumFrom() != null && input.highFrom() <= input.mediumFrom()) {
            errors.add("highFrom", "must be above mediumFrom");
        }
        errors.throwIfAny();
        return Jsonp.createObjectBuilder().add("id", input.id().strip()).add("name", input.name().strip())
                .add("questions", questions)
                .add("bands", Jsonp.createArrayBuilder()
                        .add(Jsonp.createObjectBuilder().add("level", RiskLevel.LOW.name()).add("from", 0))
                        .add(Jsonp.createObjectBuilder().add("level", RiskLevel.MEDIUM.name()).add("from", input.mediumFrom()))
                        .add(Jsonp.createObjectBuilder().add("level", RiskLevel.HIGH.name()).add("from", input.highFrom())))
                .build().toString();
    }
}
