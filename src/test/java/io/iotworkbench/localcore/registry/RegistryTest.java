package io.iotworkbench.localcore.registry;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:*","Resource":"*"}]}""";

    @TempDir
    Path dir;

    private LocalCoreDatabase db;
    private Registry registry;

    @BeforeEach
    void open() throws Exception {
        db = LocalCoreDatabase.open(dir);
        registry = new Registry(db);
        registry.thingTypes().create("Sensor", null);
        registry.thingTypes().create("Lamp", null);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static X509Certificate newCertificate() {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        Instant now = Instant.now();
        return CertificateFactory.selfSigned(keys, "CN=device", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
    }

    private static AwsErrorKind kindOf(Runnable r) {
        try {
            r.run();
        } catch (RegistryException e) {
            return e.kind();
        }
        throw new AssertionError("expected a RegistryException");
    }

    // ---------------------------------------------------------------- things

    @Test
    void createThingStartsAtVersionOneWithArnAndIdAndIsIdempotentForTheSameConfiguration() {
        ThingRecord t = registry.createThing("sensor-1", null, Map.of("room", "lab"));
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.arn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/sensor-1");
        assertThat(t.id()).matches("[0-9a-f-]{36}");
        assertThat(registry.createThing("sensor-1", null, Map.of("room", "lab")).id()).isEqualTo(t.id());
        assertThat(registry.describeThing("sensor-1").attributes()).containsExactly(Map.entry("room", "lab"));
    }

    @Test
    void createThingWithADifferentConfigurationIsResourceAlreadyExists() {
        registry.createThing("sensor-1", null, Map.of("room", "lab"));
        assertThatThrownBy(() -> registry.createThing("sensor-1", null, Map.of("room", "hall")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AwsErrorKind.RESOURCE_ALREADY_EXISTS);
                    assertThat(e.kind().httpStatus()).isEqualTo(409);
                    assertThat(e).hasMessageContaining("sensor-1");
                });
        assertThat(kindOf(() -> registry.createThing("sensor-1", "Sensor", Map.of("room", "lab"))))
                .isEqualTo(AwsErrorKind.RESOURCE_ALREADY_EXISTS);
    }

    @Test
    void thingNamesAndAttributesFollowAwsRules() {
        assertThat(kindOf(() -> registry.createThing("bad name", null, null))).isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.createThing("x".repeat(129), null, null)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.createThing("", null, null))).isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(registry.createThing("a:b_c-D9", null, null).name()).isEqualTo("a:b_c-D9");
        assertThat(kindOf(() -> registry.createThing("t", null, Map.of("bad key", "v"))))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        Map<String, String> four = Map.of("a", "1", "b", "2", "c", "3", "d", "4");
        assertThatThrownBy(() -> registry.createThing("untyped", null, four))
                .hasMessageContaining("at most 3 attributes");
        assertThat(registry.createThing("typed", "Sensor", four).attributes()).hasSize(4);
    }

    @Test
    void describingAMissingThingIsResourceNotFound() {
        assertThatThrownBy(() -> registry.describeThing("ghost"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND))
                .hasMessageContaining("ghost");
    }

    @Test
    void updateThingMergesOrReplacesAttributesAndRaisesTheVersion() {
        registry.createThing("t", null, Map.of("a", "1", "b", "2"));
        Map<String, String> change = new HashMap<>();
        change.put("b", "");
        change.put("c", "3");
        ThingRecord merged = registry.updateThing("t", new ThingUpdate(null, false, change, true, 1L));
        assertThat(merged.attributes()).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
        assertThat(merged.version()).isEqualTo(2);

        ThingRecord replaced = registry.updateThing("t", new ThingUpdate("Sensor", false, Map.of("z", "9"), false,
                null));
        assertThat(replaced.attributes()).containsExactly(Map.entry("z", "9"));
        assertThat(replaced.thingTypeName()).isEqualTo("Sensor");
        assertThat(replaced.version()).isEqualTo(3);

        ThingRecord untyped = registry.updateThing("t", new ThingUpdate(null, true, null, false, 3L));
        assertThat(untyped.thingTypeName()).isNull();
        assertThat(untyped.attributes()).containsExactly(Map.entry("z", "9"));
        assertThat(registry.describeThing("t")).isEqualTo(untyped);
    }

    @Test
    void updateThingWithAStaleExpectedVersionIsVersionConflictAndChangesNothing() {
        registry.createThing("t", null, Map.of("a", "1"));
        registry.updateThing("t", new ThingUpdate(null, false, Map.of("a", "2"), true, null));
        assertThatThrownBy(() -> registry.updateThing("t", new ThingUpdate(null, false, Map.of("a", "3"), true, 1L)))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.VERSION_CONFLICT))
                .hasMessageContaining("expected 1, current 2");
        assertThat(registry.describeThing("t").attributes()).containsEntry("a", "2");
        assertThat(kindOf(() -> registry.updateThing("ghost", new ThingUpdate(null, false, null, false, null))))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
        assertThat(kindOf(() -> registry.deleteThing("t", 1L))).isEqualTo(AwsErrorKind.VERSION_CONFLICT);
    }

    @Test
    void deleteThingIsRefusedWhilePrincipalsAreAttachedAndSucceedsForAMissingThing() {
        registry.createThing("t", null, null);
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        registry.attachThingPrincipal("t", cert.arn());
        assertThatThrownBy(() -> registry.deleteThing("t", null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.INVALID_REQUEST))
                .hasMessageContaining("Cannot delete. Thing t is still attached to one or more principals");
        registry.detachThingPrincipal("t", cert.arn());
        registry.deleteThing("t", 1L);
        assertThat(registry.findThing("t")).isEmpty();
        registry.deleteThing("never-existed", null);
    }

    @Test
    void listThingsPagesByNameAndFilters() {
        for (String n : List.of("e", "c", "a", "d", "b")) {
            registry.createThing(n, n.equals("b") || n.equals("d") ? "Lamp" : null,
                    Map.of("floor", n.compareTo("c") < 0 ? "one" : "two", "id", "x-" + n));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<ThingRecord> page = registry.listThings(ThingFilter.NONE, token, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(t -> names.add(t.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(names).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);

        assertThat(registry.listThings(new ThingFilter(null, null, false, "Lamp"), null, null).items())
                .extracting(ThingRecord::name).containsExactly("b", "d");
        assertThat(registry.listThings(new ThingFilter("floor", "one", false, null), null, null).items())
                .extracting(ThingRecord::name).containsExactly("a", "b");
        assertThat(registry.listThings(new ThingFilter("id", "x-", true, null), null, null).items()).hasSize(5);
        assertThat(registry.listThings(new ThingFilter("id", "x-", false, null), null, null).items()).isEmpty();
        assertThat(kindOf(() -> registry.listThings(ThingFilter.NONE, null, 0)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.listThings(ThingFilter.NONE, null, 251)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.listThings(ThingFilter.NONE, "!!not a token!!", null)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
    }

    // ---------------------------------------------------------- certificates

    @Test
    void registeringACertificateStoresItsIdArnPemAndValidityAndRefusesADuplicate() {
        X509Certificate cert = newCertificate();
        CertificateRecord record = registry.registerCertificate(cert, CertificateStatus.ACTIVE, null);
        assertThat(record.id()).isEqualTo(CertificateIds.of(cert)).hasSize(64);
        assertThat(record.arn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:cert/" + record.id());
        assertThat(registry.certificateArn(record.id())).isEqualTo(record.arn());
        assertThat(record.pem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(record.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
        assertThat(record.caCertificateId()).isNull();
        assertThat(registry.certificateStatus(record.id())).contains(CertificateStatus.ACTIVE);
        assertThat(registry.certificateStatus("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> registry.registerCertificate(cert, CertificateStatus.INACTIVE, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.RESOURCE_ALREADY_EXISTS));
        assertThat(registry.certificateStatus(record.id())).contains(CertificateStatus.ACTIVE);
    }

    @Test
    void statusChangesReachTheCacheAndTheListenersAndRevokedIsFinal() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        List<String> heard = new ArrayList<>();
        registry.addCertificateStatusListener((id, status) -> heard.add(id.substring(0, 4) + "=" + status));
        String p = cert.id().substring(0, 4);

        registry.updateCertificate(cert.id(), CertificateStatus.INACTIVE);
        registry.updateCertificate(cert.id(), CertificateStatus.INACTIVE);
        assertThat(registry.certificateStatus(cert.id())).contains(CertificateStatus.INACTIVE);
        CertificateRecord described = registry.describeCertificate(cert.id());
        assertThat(described.customerVersion()).isEqualTo(2);
        assertThat(described.generationId()).isNotEqualTo(cert.generationId());

        registry.updateCertificate(cert.id(), CertificateStatus.REVOKED);
        assertThatThrownBy(() -> registry.updateCertificate(cert.id(), CertificateStatus.ACTIVE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AwsErrorKind.CERTIFICATE_STATE);
                    assertThat(e.kind().httpStatus()).isEqualTo(406);
                });
        assertThat(registry.certificateStatus(cert.id())).contains(CertificateStatus.REVOKED);
        assertThat(heard).containsExactly(p + "=INACTIVE", p + "=REVOKED");

        registry.deleteCertificate(cert.id(), false);
        assertThat(heard).containsExactly(p + "=INACTIVE", p + "=REVOKED", p + "=null");
        assertThat(registry.certificateStatus(cert.id())).isEmpty();
    }

    @Test
    void internalStatusesCannotBeSetAndUnknownCertificatesAreNotFound() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.INACTIVE, null);
        assertThat(kindOf(() -> registry.updateCertificate(cert.id(), CertificateStatus.PENDING_TRANSFER)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.updateCertificate("a".repeat(64), CertificateStatus.ACTIVE)))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
        assertThat(kindOf(() -> registry.describeCertificate("xyz"))).isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(registry.describeCertificate(cert.id().toUpperCase()).id()).isEqualTo(cert.id());
    }

    @Test
    void anActiveCertificateCannotBeDeleted() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        assertThatThrownBy(() -> registry.deleteCertificate(cert.id(), true))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.CERTIFICATE_STATE))
                .hasMessage("Certificate must be deactivated (not ACTIVE) before deletion. Id: " + cert.id());
        assertThat(registry.findCertificate(cert.id())).isPresent();
    }

    @Test
    void aCertificateWithAThingOrPolicyAttachedIsADeleteConflictAndForceDetachesOnlyPolicies() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.INACTIVE, null);
        registry.createThing("t", null, null);
        registry.createPolicy("p", POLICY);
        registry.attachThingPrincipal("t", cert.arn());
        registry.attachPolicy("p", cert.arn());

        assertThatThrownBy(() -> registry.deleteCertificate(cert.id(), true))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.DELETE_CONFLICT))
                .hasMessageContaining("Things must be detached");
        registry.detachThingPrincipal("t", cert.arn());
        assertThatThrownBy(() -> registry.deleteCertificate(cert.id(), false))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.DELETE_CONFLICT))
                .hasMessageContaining("policies must be detached");
        registry.deleteCertificate(cert.id(), true);
        assertThat(registry.findCertificate(cert.id())).isEmpty();
        assertThat(registry.listTargetsForPolicy("p", null, null).items()).isEmpty();
        registry.deletePolicy("p");
    }

    @Test
    void listCertificatesPagesNewestFirstOrAscending() {
        MutableClock clock = new MutableClock();
        Registry timed = new Registry(db, "eu-west-1", "123456789012", clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance();
            ids.add(timed.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null).id());
        }
        assertThat(timed.certificateArn(ids.get(0))).startsWith("arn:aws:iot:eu-west-1:123456789012:cert/");
        List<String> descending = new ArrayList<>();
        String marker = null;
        do {
            Page<CertificateRecord> page = timed.listCertificates(marker, 2, false);
            page.items().forEach(c -> descending.add(c.id()));
            marker = page.nextToken();
        } while (marker != null);
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(descending).containsExactlyElementsOf(newestFirst);
        assertThat(timed.listCertificates(null, 3, true).items()).extracting(CertificateRecord::id)
                .containsExactlyElementsOf(ids.subList(0, 3));
    }

    // -------------------------------------------------------------- policies

    @Test
    void policiesAreCheckedStoredAndRefuseDeletionWhileAttached() {
        PolicyRecord p = registry.createPolicy("device-policy", POLICY);
        assertThat(p.arn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:policy/device-policy");
        assertThat(p.defaultVersionId()).isEqualTo("1");
        assertThat(registry.getPolicy("device-policy").document()).isEqualTo(POLICY);
        assertThat(kindOf(() -> registry.createPolicy("device-policy", POLICY)))
                .isEqualTo(AwsErrorKind.RESOURCE_ALREADY_EXISTS);
        assertThat(kindOf(() -> registry.createPolicy("bad", "{not json"))).isEqualTo(AwsErrorKind.MALFORMED_POLICY);
        assertThat(kindOf(() -> registry.createPolicy("bad", "{\"Version\":\"2012-10-17\"}")))
                .isEqualTo(AwsErrorKind.MALFORMED_POLICY);
        assertThat(kindOf(() -> registry.createPolicy("bad", "{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"x\","
                + "\"Resource\":\"*\"}]}"))).isEqualTo(AwsErrorKind.MALFORMED_POLICY);
        assertThat(kindOf(() -> registry.createPolicy("bad name", POLICY))).isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.getPolicy("ghost"))).isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);

        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        registry.attachPolicy("device-policy", cert.arn());
        registry.attachPolicy("device-policy", cert.arn());
        assertThat(registry.attachedPolicies(cert.arn())).extracting(PolicyRecord::name)
                .containsExactly("device-policy");
        assertThatThrownBy(() -> registry.deletePolicy("device-policy"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(AwsErrorKind.DELETE_CONFLICT));
        registry.detachPolicy("device-policy", cert.arn());
        registry.deletePolicy("device-policy");
        assertThat(kindOf(() -> registry.deletePolicy("device-policy"))).isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
    }

    @Test
    void policyTargetsMustBeKnownCertificatesAndAreLimitedToTen() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        for (int i = 0; i < Registry.MAX_POLICIES_PER_TARGET + 1; i++) {
            registry.createPolicy("p" + i, POLICY);
        }
        for (int i = 0; i < Registry.MAX_POLICIES_PER_TARGET; i++) {
            registry.attachPolicy("p" + i, cert.arn());
        }
        assertThat(kindOf(() -> registry.attachPolicy("p10", cert.arn()))).isEqualTo(AwsErrorKind.LIMIT_EXCEEDED);
        assertThat(kindOf(() -> registry.attachPolicy("p0", registry.certificateArn("b".repeat(64)))))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
        assertThat(kindOf(() -> registry.attachPolicy("p0", "us-east-1:cognito-id")))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        Page<PolicyRecord> first = registry.listAttachedPolicies(cert.arn(), null, 4);
        assertThat(first.items()).hasSize(4);
        assertThat(first.nextToken()).isNotNull();
    }

    // ------------------------------------------------------ thing principals

    @Test
    void thingPrincipalsAreListedBothWaysAndExclusiveAttachmentsAreEnforced() {
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        registry.createThing("a", null, null);
        registry.createThing("b", null, null);
        registry.attachThingPrincipal("a", cert.arn());
        registry.attachThingPrincipal("b", cert.arn());
        assertThat(registry.listPrincipalThings(cert.arn(), null, null).items()).extracting(ThingPrincipal::thingName)
                .containsExactly("a", "b");
        assertThat(registry.thingsOfPrincipal(cert.arn())).containsExactly("a", "b");
        assertThat(registry.listThingPrincipals("a", null, null).items())
                .containsExactly(new ThingPrincipal("a", cert.arn(), ThingPrincipalType.NON_EXCLUSIVE_THING));
        assertThat(kindOf(() -> registry.attachThingPrincipal("a", cert.arn(), ThingPrincipalType.EXCLUSIVE_THING)))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);

        registry.detachThingPrincipal("b", cert.arn());
        registry.attachThingPrincipal("a", cert.arn(), ThingPrincipalType.EXCLUSIVE_THING);
        assertThat(kindOf(() -> registry.attachThingPrincipal("b", cert.arn())))
                .isEqualTo(AwsErrorKind.INVALID_REQUEST);
        assertThat(kindOf(() -> registry.attachThingPrincipal("ghost", cert.arn())))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
        assertThat(kindOf(() -> registry.attachThingPrincipal("a", registry.certificateArn("c".repeat(64)))))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
        assertThat(kindOf(() -> registry.listThingPrincipals("ghost", null, null)))
                .isEqualTo(AwsErrorKind.RESOURCE_NOT_FOUND);
    }

    // ----------------------------------------------------------- durability

    @Test
    void everythingSurvivesClosingAndReopeningTheDatabase() throws Exception {
        ThingRecord thing = registry.createThing("t", "Sensor", Map.of("a", "1"));
        CertificateRecord cert = registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null);
        registry.updateCertificate(cert.id(), CertificateStatus.INACTIVE);
        registry.createPolicy("p", POLICY);
        registry.attachPolicy("p", cert.arn());
        registry.attachThingPrincipal("t", cert.arn(), ThingPrincipalType.EXCLUSIVE_THING);
        db.close();

        db = LocalCoreDatabase.open(dir);
        Registry reopened = new Registry(db);
        assertThat(reopened.describeThing("t")).isEqualTo(thing);
        assertThat(reopened.certificateStatus(cert.id())).contains(CertificateStatus.INACTIVE);
        assertThat(reopened.describeCertificate(cert.id()).pem()).isEqualTo(cert.pem());
        assertThat(reopened.getPolicy("p").document()).isEqualTo(POLICY);
        assertThat(reopened.attachedPolicies(cert.arn())).extracting(PolicyRecord::name).containsExactly("p");
        assertThat(reopened.listThingPrincipals("t", null, null).items()).extracting(ThingPrincipal::type)
                .containsExactly(ThingPrincipalType.EXCLUSIVE_THING);
    }

    @Test
    void concurrentStatusChangesLeaveTheCacheEqualToTheDatabase() throws Exception {
        List<CertificateRecord> certs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            certs.add(registry.registerCertificate(newCertificate(), CertificateStatus.ACTIVE, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        CertificateRecord c = certs.get((seed + i) % certs.size());
                        registry.updateCertificate(c.id(), i % 2 == 0 ? CertificateStatus.INACTIVE
                                : CertificateStatus.ACTIVE);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (CertificateRecord c : certs) {
            assertThat(registry.certificateStatus(c.id())).contains(registry.describeCertificate(c.id()).status());
        }
    }

    /** A clock a test moves forward by one second per call to {@link #advance}. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance() {
            now = now.plusSeconds(1);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
