package org.weiquan.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on Faces' CDI integration, so that page beans can {@code @Inject FacesContext} and friends. */
@FacesConfig
@ApplicationScoped
public class WebConfig {
}
