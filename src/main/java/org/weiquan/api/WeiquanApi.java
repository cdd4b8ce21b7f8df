package org.weiquan.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "Weiquan API", version = "1",
                description = "Case management for a women's federation's rights-protection network. "
                        + "Times are ISO-8601 with offset; the stations' zone is Asia/Shanghai. "
                        + "Errors are application/problem+json: 400 unreadable body, 404 not found (or outside "
                        + "your scope), 409 conflict with the current state, 422 a field breaks a rule; "
                        + "the errors list names each field."))
public class WeiquanApi extends Application {
}
