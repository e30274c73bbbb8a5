package io.iotworkbench.localcore;

import io.iotworkbench.localcore.policy.EffectivePolicy;
import io.iotworkbench.localcore.policy.IotPolicy;
import io.iotworkbench.localcore.policy.PolicyAuthorizer;
import io.iotworkbench.localcore.policy.PolicyProblem;
import io.iotworkbench.localcore.registry.CertificateRecord;
import io.iotworkbench.localcore.registry.PolicyRecord;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.registry.RegistryException;
import io.iotworkbench.localcore.registry.ThingPrincipal;
import io.iotworkbench.localcore.registry.ThingPrincipalType;
import io.iotworkbench.localcore.registry.ThingRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the policy evaluator needs from the registry and the thing groups for one principal: the policies attached to
 * its certificate and to the thing groups of its thing, and its policy variables. The thing is the one attached to the
 * certificate exclusively, or else the attached thing whose name is the client id (AWS resolves the thing variables
 * only then); without one, the thing variables have no value and {@code IsAttached} is false.
 *
 * <p>Thread-safe; reads the database (called only when the authorizer rebuilds a principal's view). Parsed policy
 * documents are kept by text (bounded).
 */
final class RegistryPolicySource implements PolicyAuthorizer.Source {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPolicySource.class);
    private static final int MAX_PARSED = 1_000;

    private final Registry registry;
    private final String arnPrefix;
    private final Map<String, IotPolicy> parsed = new ConcurrentHashMap<>();
    private volatile Function<String, List<String>> groupsOfThing = thing -> List.of();

    RegistryPolicySource(Registry registry) {
        this.registry = registry;
        this.arnPrefix = "arn:aws:iot:" + registry.region() + ":" + registry.accountId() + ":";
    }

    /** The thing groups of a thing (set once the jobs service, which owns the groups, exists). */
    void useThingGroups(Function<String, List<String>> groups) {
        this.groupsOfThing = groups;
    }

    @Override
    public PolicyAuthorizer.Subject subject(String certificateId, String clientId) {
        String certArn = registry.certificateArn(certificateId);
        Map<String, String> vars = new HashMap<>();
        if (clientId != null) {
            vars.put("iot:ClientId", clientId);
        }
        vars.put("iot:Certificate.Id", certificateId);
        registry.findCertificate(certificateId).ifPresent(c -> certificateVariables(c, vars));
        ThingRecord thing = thingOf(certArn, clientId);
        vars.put("iot:Connection.Thing.IsAttached", Boolean.toString(thing != null));
        List<EffectivePolicy> policies = new ArrayList<>();
        add(policies, registry.attachedPolicies(certArn), certArn);
        if (thing != null) {
            vars.put("iot:Connection.Thing.ThingName", thing.name());
            if (thing.thingTypeName() != null) {
                vars.put("iot:Connection.Thing.ThingTypeName", thing.thingTypeName());
            }
            thing.attributes().forEach((k, v) -> vars.put("iot:Connection.Thing.Attributes[" + k + "]", v));
            for (String group : groupsOfThing.apply(thing.name())) {
                String groupArn = registry.thingGroupArn(group);
                add(policies, registry.attachedPolicies(groupArn), groupArn);
            }
        }
        return new PolicyAuthorizer.Subject(policies, vars, thing == null ? null : thing.name());
    }

    private ThingRecord thingOf(String certArn, String clientId) {
        List<ThingPrincipal> things = registry.listPrincipalThings(certArn, null, 250).items();
        String name = null;
        for (ThingPrincipal t : things) {
            if (t.type() == ThingPrincipalType.EXCLUSIVE_THING || t.thingName().equals(clientId)) {
                name = t.thingName();
                break;
            }
        }
        return name == null ? null : registry.findThing(name).orElse(null);
    }

    private void add(List<EffectivePolicy> into, List<PolicyRecord> records, String attachedTo) {
        for (PolicyRecord p : records) {
            if (into.stream().noneMatch(e -> e.name().equals(p.name()))) {
                parse(p, attachedTo).ifPresent(into::add);
            }
        }
    }

    private Optional<EffectivePolicy> parse(PolicyRecord p, String attachedTo) {
        IotPolicy policy = parsed.get(p.document());
        if (policy == null) {
            try {
                policy = IotPolicy.parse(p.document());
            } catch (PolicyProblem e) {
                LOG.warn("Policy {} is not evaluated (it allows nothing): {}", p.name(), e.getMessage());
                return Optional.empty();
            }
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear();
            }
            parsed.put(p.document(), policy);
        }
        return Optional.of(new EffectivePolicy(p.name(), p.arn(), p.defaultVersionId(), p.document(), policy,
                attachedTo));
    }

    private static void certificateVariables(CertificateRecord c, Map<String, String> vars) {
        try {
            X509Certificate x = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(c.pem().getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII)));
            name(x.getSubjectX500Principal().getName(), "iot:Certificate.Subject.", vars);
            name(x.getIssuerX500Principal().getName(), "iot:Certificate.Issuer.", vars);
            vars.put("iot:Certificate.SerialNumber", x.getSerialNumber().toString());
        } catch (Exception e) {
            LOG.debug("Certificate {} has no readable subject: {}", c.id(), e.getMessage());
        }
    }

    private static void name(String dn, String prefix, Map<String, String> vars) throws InvalidNameException {
        for (Rdn rdn : new LdapName(dn).getRdns()) {
            String key = switch (rdn.getType().toUpperCase(java.util.Locale.ROOT)) {
                case "CN" -> "CommonName";
                case "O" -> "Organization";
                case "OU" -> "OrganizationalUnit";
                case "C" -> "Country";
                case "ST" -> "State";
                case "L" -> "Locality";
                default -> null;
            };
            if (key != null) {
                vars.put(prefix + key, String.valueOf(rdn.getValue()));
            }
        }
    }

    @Override
    public Optional<EffectivePolicy> policy(String name) {
        try {
            PolicyRecord p = registry.getPolicy(name);
            return parse(p, null);
        } catch (RegistryException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> certificateOfThing(String thingName) {
        try {
            return registry.listThingPrincipals(thingName, null, 1).items().stream().findFirst()
                    .map(t -> t.principal().substring(t.principal().lastIndexOf('/') + 1));
        } catch (RegistryException e) {
            return Optional.empty();
        }
    }

    @Override
    public String resourceArn(String resource) {
        return arnPrefix + resource;
    }
}
