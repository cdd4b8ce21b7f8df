package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the login page needs to know of the installation: whether the demo users (and their public password) exist. */
@Named
@ApplicationScoped
public class LoginPage {

    private boolean demo;

    @PostConstruct
    void read() {
        demo = ConfigProvider.getConfig(getClass().getClassLoader()).getOptionalValue("weiquan.demo", Boolean.class)
                .orElse(false);
    }

    public boolean isDemo() {
        return demo;
    }
}
