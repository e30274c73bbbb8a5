package io.iotworkbench.localcore.api;

import io.iotworkbench.aws.JdkHttpTransport;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;
import software.amazon.awssdk.services.iot.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.PolicyVersion;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.ThingTypeDefinition;
import software.amazon.awssdk.services.iot.model.VersionsLimitExceededException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Thing types and policy versions through the unmodified AWS SDK {@link IotClient} over real HTTP, with AWS's rules
 * and errors (a thing type deletion wait of 5 minutes here, on a clock the test moves).
 */
@Tag("integration")
class ThingTypesAndPolicyVersionsSdkTest {

    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private LocalCoreDatabase db;
    private ApiServer server;
    private IotClient iot;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        db = LocalCoreDatabase.open(dir.resolve("data"));
        Registry registry = new Registry(db, Registry.DEFAULT_REGION, Registry.DEFAULT_ACCOUNT, clock,
                Duration.ofMinutes(5));
        Router router = new Router();
        new ControlPlaneRoutes(registry, new CertificateIssuer(registry, LocalCa.openOrCreate(dir.resolve("ca"),
                Clock.systemUTC())), () -> "127.0.0.1").register(router);
        server = ApiServer.start("127.0.0.1", 0, router);
        iot = IotClient.builder().region(Region.US_EAST_1).httpClient(new JdkHttpTransport())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s")))
                .endpointOverride(URI.create(server.endpoint())).build();
    }

    @AfterEach
    void stop() {
        iot.close();
        server.close();
        db.close();
    }

    // ------------------------------------------------------------- thing types

    @Test
    void thingTypesAreCreatedDescribedListedAndGivenToThings() {
        var created = iot.createThingType(r -> r.thingTypeName("Lamp").thingTypeProperties(p -> p
                .thingTypeDescription("a lamp").searchableAttributes("room", "color")));
        assertThat(created.thingTypeArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thingtype/Lamp");
        assertThat(created.thingTypeId()).matches("[0-9a-f-]{36}");
        assertThat(iot.createThingType(r -> r.thingTypeName("Lamp").thingTypeProperties(p -> p
                .thingTypeDescription("a lamp").searchableAttributes("room", "color"))).thingTypeId())
                .as("the same type again").isEqualTo(created.thingTypeId());
        assertThatThrownBy(() -> iot.createThingType(r -> r.thingTypeName("Lamp").thingTypeProperties(p -> p
                .thingTypeDescription("another lamp")))).isInstanceOf(ResourceAlreadyExistsException.class);
        iot.createThingType(r -> r.thingTypeName("Plug"));

        DescribeThingTypeResponse lamp = iot.describeThingType(r -> r.thingTypeName("Lamp"));
        assertThat(lamp.thingTypeProperties().thingTypeDescription()).isEqualTo("a lamp");
        assertThat(lamp.thingTypeProperties().searchableAttributes()).containsExactly("room", "color");
        assertThat(lamp.thingTypeMetadata().deprecated()).isFalse();
        assertThat(lamp.thingTypeMetadata().creationDate()).isCloseTo(clock.instant(), within());
        assertThat(iot.listThingTypes().thingTypes()).extracting(ThingTypeDefinition::thingTypeName)
                .containsExactly("Lamp", "Plug");
        var page = iot.listThingTypes(r -> r.maxResults(1));
        assertThat(page.thingTypes()).extracting(ThingTypeDefinition::thingTypeName).containsExactly("Lamp");
        assertThat(iot.listThingTypes(r -> r.maxResults(1).nextToken(page.nextToken())).thingTypes())
                .extracting(ThingTypeDefinition::thingTypeName).containsExactly("Plug");
        assertThat(iot.listThingTypes(r -> r.thingTypeName("Plug")).thingTypes()).hasSize(1);
        assertThatThrownBy(() -> iot.createThingType(r -> r.thingTypeName("Many").thingTypeProperties(p -> p
                .searchableAttributes("a", "b", "c", "d")))).isInstanceOf(InvalidRequestException.class);

        iot.createThing(r -> r.thingName("desk").thingTypeName("Lamp"));
        assertThat(iot.describeThing(r -> r.thingName("desk")).thingTypeName()).isEqualTo("Lamp");
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("x").thingTypeName("Toaster")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Toaster");
        iot.updateThing(r -> r.thingName("desk").thingTypeName("Plug"));
        assertThat(iot.listThings(r -> r.thingTypeName("Plug")).things()).extracting(ThingAttribute::thingName)
                .containsExactly("desk");
        assertThatThrownBy(() -> iot.describeThingType(r -> r.thingTypeName("Toaster")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aDeprecatedTypeTakesNoNewThingsAndIsDeletedOnlyAfterTheWaitWithoutThings() {
        iot.createThingType(r -> r.thingTypeName("Old"));
        iot.createThing(r -> r.thingName("keeper").thingTypeName("Old"));
        assertThatThrownBy(() -> iot.deleteThingType(r -> r.thingTypeName("Old")))
                .as("not deprecated").isInstanceOf(InvalidRequestException.class).hasMessageContaining("deprecate");

        iot.deprecateThingType(r -> r.thingTypeName("Old"));
        DescribeThingTypeResponse old = iot.describeThingType(r -> r.thingTypeName("Old"));
        assertThat(old.thingTypeMetadata().deprecated()).isTrue();
        assertThat(old.thingTypeMetadata().deprecationDate()).isNotNull();
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("new").thingTypeName("Old")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("deprecated");
        iot.updateThing(r -> r.thingName("keeper").attributePayload(p -> p.attributes(Map.of("a", "1"))));
        assertThat(iot.describeThing(r -> r.thingName("keeper")).thingTypeName()).as("keeps it").isEqualTo("Old");

        assertThatThrownBy(() -> iot.deleteThingType(r -> r.thingTypeName("Old")))
                .as("less than 5 minutes").isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("5 minute");
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> iot.deleteThingType(r -> r.thingTypeName("Old")))
                .as("a thing has it").isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 thing");
        iot.updateThing(r -> r.thingName("keeper").removeThingType(true));
        iot.deleteThingType(r -> r.thingTypeName("Old"));
        assertThatThrownBy(() -> iot.describeThingType(r -> r.thingTypeName("Old")))
                .isInstanceOf(ResourceNotFoundException.class);

        iot.createThingType(r -> r.thingTypeName("Back"));
        iot.deprecateThingType(r -> r.thingTypeName("Back"));
        iot.deprecateThingType(r -> r.thingTypeName("Back").undoDeprecate(true));
        assertThat(iot.describeThingType(r -> r.thingTypeName("Back")).thingTypeMetadata().deprecated()).isFalse();
        iot.createThing(r -> r.thingName("again").thingTypeName("Back"));
    }

    // ---------------------------------------------------------- policy versions

    @Test
    void policyVersionsAreListedReadMadeDefaultAndDeletedAsOnAws() {
        iot.createPolicy(r -> r.policyName("p").policyDocument(DOC));
        CreatePolicyVersionResponse v2 = iot.createPolicyVersion(r -> r.policyName("p")
                .policyDocument(DOC.replace("iot:Connect", "iot:Publish")));
        assertThat(v2.policyVersionId()).isEqualTo("2");
        assertThat(v2.isDefaultVersion()).isFalse();
        assertThat(iot.getPolicy(r -> r.policyName("p")).policyDocument()).as("default unchanged").contains("Connect");
        CreatePolicyVersionResponse v3 = iot.createPolicyVersion(r -> r.policyName("p").setAsDefault(true)
                .policyDocument(DOC.replace("iot:Connect", "iot:Subscribe")));
        assertThat(v3.isDefaultVersion()).isTrue();
        assertThat(iot.getPolicy(r -> r.policyName("p")).defaultVersionId()).isEqualTo("3");

        List<PolicyVersion> versions = iot.listPolicyVersions(r -> r.policyName("p")).policyVersions();
        assertThat(versions).extracting(PolicyVersion::versionId).containsExactly("3", "2", "1");
        assertThat(versions).extracting(PolicyVersion::isDefaultVersion).containsExactly(true, false, false);
        assertThat(versions.get(0).createDate()).isNotNull();

        GetPolicyVersionResponse got = iot.getPolicyVersion(r -> r.policyName("p").policyVersionId("2"));
        assertThat(got.policyDocument()).contains("iot:Publish");
        assertThat(got.isDefaultVersion()).isFalse();
        assertThat(got.policyName()).isEqualTo("p");
        assertThat(got.policyArn()).endsWith(":policy/p");
        assertThatThrownBy(() -> iot.getPolicyVersion(r -> r.policyName("p").policyVersionId("9")))
                .isInstanceOf(ResourceNotFoundException.class);

        iot.setDefaultPolicyVersion(r -> r.policyName("p").policyVersionId("2"));
        assertThat(iot.getPolicy(r -> r.policyName("p")).policyDocument()).contains("iot:Publish");
        assertThatThrownBy(() -> iot.deletePolicyVersion(r -> r.policyName("p").policyVersionId("2")))
                .as("the default version").isInstanceOf(DeleteConflictException.class);
        assertThatThrownBy(() -> iot.deletePolicy(r -> r.policyName("p")))
                .as("non-default versions exist").isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("non-default");
        iot.deletePolicyVersion(r -> r.policyName("p").policyVersionId("1"));
        iot.deletePolicyVersion(r -> r.policyName("p").policyVersionId("3"));
        assertThat(iot.listPolicyVersions(r -> r.policyName("p")).policyVersions())
                .extracting(PolicyVersion::versionId).containsExactly("2");
        assertThat(iot.createPolicyVersion(r -> r.policyName("p").policyDocument(DOC)).policyVersionId())
                .as("ids are never reused").isEqualTo("4");
        iot.deletePolicyVersion(r -> r.policyName("p").policyVersionId("4"));
        iot.deletePolicy(r -> r.policyName("p"));
        assertThatThrownBy(() -> iot.listPolicyVersions(r -> r.policyName("p")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aPolicyKeepsAtMostFiveVersions() {
        iot.createPolicy(r -> r.policyName("p").policyDocument(DOC));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(iot.createPolicyVersion(r -> r.policyName("p").policyDocument(DOC)).policyVersionId());
        }
        assertThat(ids).containsExactly("2", "3", "4", "5");
        assertThatThrownBy(() -> iot.createPolicyVersion(r -> r.policyName("p").policyDocument(DOC)))
                .isInstanceOfSatisfying(VersionsLimitExceededException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
        iot.deletePolicyVersion(r -> r.policyName("p").policyVersionId("3"));
        assertThat(iot.createPolicyVersion(r -> r.policyName("p").policyDocument(DOC)).policyVersionId())
                .isEqualTo("6");
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(5, java.time.temporal.ChronoUnit.SECONDS);
    }
}
