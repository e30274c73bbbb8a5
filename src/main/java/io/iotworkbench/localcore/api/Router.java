package io.iotworkbench.localcore.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The REST API's routing table: method + path pattern ({@code {label}} segments) + optional SigV4 signing service ->
 * handler. Several services share one port, so where two services use the same method and path (the control plane's
 * {@code GET /things/{t}/jobs} and the jobs data plane's), each registers with its signing name ({@code iot},
 * {@code iotdata}, {@code iot-jobs-data}) and the request's credential scope picks the route.
 *
 * <p>Choosing a route among those whose method and path match: one registered for the request's signing service
 * first, then one registered for any service, then (for unsigned requests only) the first one registered. A route
 * registered for another service than the request was signed for never matches.
 *
 * <p>Some clients sign with another name than the model's: the AWS CLI v2 that Debian and Ubuntu ship signs the IoT
 * control plane as {@code execute-api}. {@link #alias} makes such a name route like a known service first; failing
 * that, the request takes the one route its method and path match, when only one service has that path (AWS tells
 * the services apart by host, so for it the path is never ambiguous).
 *
 * <p>Thread-safe: routes may be added at any time from any thread, also while the server is answering.
 */
public final class Router {

    /** A route that matched, with its decoded path labels. */
    record Match(Route route, Map<String, String> labels) {
    }

    record Route(String method, PathPattern pattern, String service, ApiHandler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, String> aliases = new java.util.concurrent.ConcurrentHashMap<>();

    /** Requests signed for {@code signingName} route as if signed for {@code service} (see the class comment). */
    public Router alias(String signingName, String service) {
        aliases.put(Objects.requireNonNull(signingName), Objects.requireNonNull(service));
        return this;
    }

    /** Adds a route for requests of any signing service. */
    public Router add(String method, String pattern, ApiHandler handler) {
        return add(method, pattern, null, handler);
    }

    /** Adds a route for requests signed for {@code service} (or unsigned ones); {@code service} null means any. */
    public Router add(String method, String pattern, String service, ApiHandler handler) {
        routes.add(new Route(method.toUpperCase(Locale.ROOT), new PathPattern(pattern), service,
                Objects.requireNonNull(handler)));
        return this;
    }

    /** The route for a request, or null when no operation matches. */
    Match match(String method, String rawPath, String signingService) {
        String alias = signingService == null ? null : aliases.get(signingService);
        if (alias == null) {
            return matchFor(method, rawPath, signingService);
        }
        Match m = matchFor(method, rawPath, alias);
        return m != null ? m : unambiguous(method, rawPath);
    }

    /** The route when every route matching method and path belongs to one service (or to any), else null. */
    private Match unambiguous(String method, String rawPath) {
        Match found = null;
        for (Route r : routes) {
            if (!r.method().equals(method.toUpperCase(Locale.ROOT))) {
                continue;
            }
            Map<String, String> labels = r.pattern().match(rawPath);
            if (labels == null) {
                continue;
            }
            if (found != null && !Objects.equals(found.route().service(), r.service())) {
                return null;
            }
            if (found == null) {
                found = new Match(r, labels);
            }
        }
        return found;
    }

    private Match matchFor(String method, String rawPath, String signingService) {
        Match anyService = null;
        Match firstUnsigned = null;
        for (Route r : routes) {
            if (!r.method().equals(method.toUpperCase(Locale.ROOT))) {
                continue;
            }
            if (r.service() != null && signingService != null && !r.service().equals(signingService)) {
                continue;
            }
            Map<String, String> labels = r.pattern().match(rawPath);
            if (labels == null) {
                continue;
            }
            Match m = new Match(r, labels);
            if (r.service() != null && r.service().equals(signingService)) {
                return m;
            }
            if (r.service() == null && anyService == null) {
                anyService = m;
            } else if (firstUnsigned == null) {
                firstUnsigned = m;
            }
        }
        return anyService != null ? anyService : firstUnsigned;
    }
}
