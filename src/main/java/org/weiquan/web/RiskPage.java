package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.protection.RiskInstrument;

import java.util.List;

/** The domestic-violence danger assessment instrument in use, read-only, for administrators. */
@Named
@RequestScoped
public class RiskPage {

    @Inject
    Navigation navigation;

    @Inject
    RiskInstrument instrument;

    private List<AdminRows.Question> questions;
    private List<AdminRows.Band> bands;

    public String getName() {
        return navigation.isAdmin() ? instrument.name() : "";
    }

    public String getId() {
        return navigation.isAdmin() ? instrument.id() : "";
    }

    public List<AdminRows.Question> getQuestions() {
        if (questions == null) {
            questions = navigation.isAdmin() ? instrument.questions().stream().map(AdminRows.Question::new).toList() : List.of();
        }
        return questions;
    }

    public List<AdminRows.Band> getBands() {
        if (bands == null) {
            bands = navigation.isAdmin() ? AdminRows.bands(instrument.bands()) : List.of();
        }
        return bands;
    }
}
