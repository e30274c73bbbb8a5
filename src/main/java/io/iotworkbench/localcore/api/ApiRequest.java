package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A REST request: method, raw path and query, decoded query parameters, headers (names case-insensitive), body, the
 * SigV4 signing service (null when unsigned), the client certificate of a TLS connection (null otherwise), and once
 * authenticated and routed, the principal it acts as and the decoded path labels. Accessors for typed parameters
 * refuse bad values with InvalidRequestException, the way AWS validates its inputs. Confined to the thread handling
 * it (the JSON body is parsed once, on first use).
 */
public final class ApiRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, String> labels;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String signingService;
    private final X509Certificate clientCertificate;
    private final String principal;
    private JsonNode json;

    /**
     * A request as it arrived: labels and principal come later ({@link #authenticatedAs}, {@link #routed}).
     *
     * @param rawQuery          the query string as sent (still percent-encoded), or null
     * @param clientCertificate the TLS client certificate, or null on plain HTTP
     */
    ApiRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
               X509Certificate clientCertificate) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.labels = Map.of();
        this.query = Collections.unmodifiableMap(parseQuery(rawQuery));
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
        this.signingService = SigningScope.service(header("Authorization"), query("X-Amz-Credential"));
        this.clientCertificate = clientCertificate;
        this.principal = null;
    }

    private ApiRequest(ApiRequest r, Map<String, String> labels, String principal) {
        this.method = r.method;
        this.rawPath = r.rawPath;
        this.rawQuery = r.rawQuery;
        this.labels = Map.copyOf(labels);
        this.query = r.query;
        this.headers = r.headers;
        this.body = r.body;
        this.signingService = r.signingService;
        this.clientCertificate = r.clientCertificate;
        this.principal = principal;
        this.json = r.json;
    }

    /** This request acting as {@code principal} (an access key id, or a certificate id over HTTPS). */
    ApiRequest authenticatedAs(String principal) {
        return new ApiRequest(this, labels, principal);
    }

    /** This request with the decoded labels of the route it matched. */
    ApiRequest routed(Map<String, String> routeLabels) {
        return new ApiRequest(this, routeLabels, principal);
    }

    /** Parses a raw query string ({@code a=1&b=%2F}) into decoded names and values, in order. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    /** The query string as sent (percent-encoded), or null. */
    public String rawQuery() {
        return rawQuery;
    }

    public String signingService() {
        return signingService;
    }

    /** The client certificate the TLS connection authenticated with, or null on plain HTTP. */
    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    /** Who the request acts as once authenticated: an access key id, or a certificate id over HTTPS; else null. */
    public String principal() {
        return principal;
    }

    /** Every header, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The decoded value of path label {@code name}. */
    public String label(String name) {
        String value = labels.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route has no label " + name);
        }
        return value;
    }

    /** The first value of query parameter {@code name}, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A boolean query parameter ("true"/"false"), or {@code absent} when it is missing. */
    public boolean queryBoolean(String name, boolean absent) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw invalid("The query parameter " + name + "='" + v + "' is not a boolean; use true or false.");
    }

    /** An integer query parameter, or null when it is missing. */
    public Integer queryInt(String name) {
        Long v = queryLong(name);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid("The query parameter " + name + "=" + v + " is out of range.");
        }
        return v.intValue();
    }

    /** A long query parameter, or null when it is missing. */
    public Long queryLong(String name) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid("The query parameter " + name + "='" + v + "' is not a number.");
        }
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body without a copy, for checks that only read it (signatures). */
    byte[] bodyBytes() {
        return body;
    }

    /** The body as a JSON object; an empty body is an empty object, anything not a JSON object InvalidRequest. */
    public JsonNode json() {
        if (json == null) {
            json = parseJson();
        }
        return json;
    }

    private JsonNode parseJson() {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw invalid("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON: " + io.iotworkbench.storage.Json.syntaxDetail(e));
        } catch (java.io.IOException e) {
            throw invalid("The request body cannot be read: " + e.getMessage());
        }
    }

    /** A string field of the JSON body, or null when missing; InvalidRequest when it is not a string. */
    public String jsonString(String field) {
        JsonNode node = json().get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("The field " + field + " must be a string.");
        }
        return node.asText();
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("The query string part '" + s + "' has a malformed percent-encoding.");
        }
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException(AwsErrorKind.INVALID_REQUEST, message);
    }
}
