package io.iotworkbench.localcore.registry;

import io.iotworkbench.cert.CertificateIds;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Local IoT Core's registry: things, certificates, policies, policy attachments and thing principals, kept in the
 * shared {@link LocalCoreDatabase} with the rules AWS IoT applies. Every refusal is a {@link RegistryException} whose
 * kind is the AWS exception the SDK expects. ARNs are {@code arn:aws:iot:{region}:{account}:thing/{name}},
 * {@code :cert/{id}} and {@code :policy/{name}}.
 *
 * <p>Size: one class because every rule below runs in one transaction on the same tables; the row mapping already
 * lives in {@code ThingRows}, {@code CertificateRows}, {@code PolicyRows}, {@code PrincipalRows}.
 *
 * <p>Rules, as AWS applies them:
 * <ul>
 *   <li>CreateThing with the same name and configuration returns the existing thing; with another configuration it is
 *       ResourceAlreadyExists. A thing without a type has at most 3 attributes, a typed one 50.</li>
 *   <li>DeleteThing of a thing that does not exist succeeds (AWS documents this). A thing with principals attached is
 *       refused with InvalidRequestException "Cannot delete. Thing X is still attached to one or more principals",
 *       the exception and text AWS answers (seen in aws-nuke #374 and moto #4616).</li>
 *   <li>A certificate is deleted only when not ACTIVE (CertificateStateException) and not being transferred, with no
 *       thing attached (DeleteConflictException) and no policy attached unless {@code forceDelete}, which detaches
 *       the policies. REVOKED is final: a revoked certificate cannot change status again (CertificateStateException).
 *       PENDING_TRANSFER and PENDING_ACTIVATION cannot be set through UpdateCertificate (AWS reserves them).</li>
 *   <li>A policy attached to a target, or with versions other than its default, cannot be deleted
 *       (DeleteConflictException); a target has at most 10 policies (LimitExceededException). Policy documents must
 *       be JSON with a well-formed Statement (MalformedPolicy). Versions live in {@link PolicyVersions}.</li>
 *   <li>A thing's type must exist and not be deprecated when it is given to the thing ({@link ThingTypes}).</li>
 * </ul>
 *
 * <p>Choices where AWS is silent or where the Local IoT Core is smaller than AWS: billing groups are not registry
 * objects (naming one is ResourceNotFound); things stored before thing types existed keep their type name even
 * without a thing type of that name; policy targets and thing principals must be
 * certificate ARNs of this registry (InvalidRequestException otherwise); attaching an EXCLUSIVE_THING principal that
 * another thing has, or attaching a principal another thing holds exclusively, is InvalidRequestException; detaching
 * something not attached succeeds; listings page by name (things, attachments) or by creation time then key
 * (certificates, policies), with opaque tokens and a default and maximum page size of 250.
 *
 * <p>Thread-safe. Changes are serialised by one lock and each is one database transaction; reads go straight to the
 * database. {@link #certificateStatus} reads an in-memory copy that is updated right after each commit. Status
 * listeners run on the changing thread after the commit, outside the lock; a listener that throws is logged and the
 * others still run.
 */
public final class Registry {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    /** AWS IoT's limit on policies attached to one certificate. */
    public static final int MAX_POLICIES_PER_TARGET = 10;
    /** The version id of a new policy's first version. */
    public static final String POLICY_VERSION = "1";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final LocalCoreDatabase database;
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Object writeLock = new Object();
    private final Map<String, CertificateStatus> statuses = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, CertificateStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> accessListeners = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Predicate<String> thingGroupExists = name -> false;
    private final PolicyVersions policyVersions;
    private final ThingTypes thingTypes;

    /** A registry for region {@value #DEFAULT_REGION} and account {@value #DEFAULT_ACCOUNT}. */
    public Registry(LocalCoreDatabase database) {
        this(database, DEFAULT_REGION, DEFAULT_ACCOUNT, Clock.systemUTC());
    }

    /** Thing types may be deleted as soon as they are deprecated (the Local IoT Core's default). */
    public Registry(LocalCoreDatabase database, String region, String accountId, Clock clock) {
        this(database, region, accountId, clock, Duration.ZERO);
    }

    /**
     * Creates the registry's tables when missing and loads the certificate statuses.
     *
     * @param thingTypeDeprecationWait how long a thing type must be deprecated before DeleteThingType (AWS: 5 min)
     */
    public Registry(LocalCoreDatabase database, String region, String accountId, Clock clock,
                    Duration thingTypeDeprecationWait) {
        this.database = Objects.requireNonNull(database);
        this.region = Objects.requireNonNull(region);
        this.accountId = Objects.requireNonNull(accountId);
        this.clock = Objects.requireNonNull(clock);
        tx(RegistrySchema::create);
        statuses.putAll(tx(CertificateRows::allStatuses));
        this.policyVersions = new PolicyVersions(database, this::policyArn, clock, this::accessChanged);
        this.thingTypes = new ThingTypes(database, this::thingTypeArn, clock, thingTypeDeprecationWait);
    }

    /** The versions of policies (List/Get/SetDefault/DeletePolicyVersion). */
    public PolicyVersions policyVersions() {
        return policyVersions;
    }

    /** Thing types (Create/Describe/List/Deprecate/DeleteThingType). */
    public ThingTypes thingTypes() {
        return thingTypes;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String thingArn(String thingName) {
        return arnPrefix() + "thing/" + thingName;
    }

    public String certificateArn(String certificateId) {
        return arnPrefix() + "cert/" + certificateId;
    }

    public String policyArn(String policyName) {
        return arnPrefix() + "policy/" + policyName;
    }

    public String thingTypeArn(String thingTypeName) {
        return arnPrefix() + "thingtype/" + thingTypeName;
    }

    // ---------------------------------------------------------------- things

    /** CreateThing: a new thing at version 1, or the existing one when name, type and attributes are the same. */
    public ThingRecord createThing(String name, String thingTypeName, Map<String, String> attributes) {
        RegistryValidation.thingName(name);
        RegistryValidation.thingTypeName(thingTypeName);
        Map<String, String> attrs = attributes == null ? Map.of() : new TreeMap<>(attributes);
        RegistryValidation.attributes(attrs, thingTypeName);
        synchronized (writeLock) {
            return tx(c -> {
                Optional<ThingRecord> existing = ThingRows.read(c, name, this::thingArn);
                if (existing.isPresent()) {
                    ThingRecord t = existing.get();
                    if (Objects.equals(t.thingTypeName(), thingTypeName) && t.attributes().equals(attrs)) {
                        return t;
                    }
                    throw new RegistryException(AwsErrorKind.RESOURCE_ALREADY_EXISTS, "Thing " + name
                            + " already exists in account with different attributes or thing type.");
                }
                if (thingTypeName != null) {
                    ThingTypes.requireAssignable(c, thingTypeName);
                }
                ThingRecord t = new ThingRecord(name, UUID.randomUUID().toString(), thingArn(name), thingTypeName,
                        attrs, 1, now());
                ThingRows.insert(c, t);
                return t;
            });
        }
    }

    public Optional<ThingRecord> findThing(String name) {
        return tx(c -> ThingRows.read(c, name, this::thingArn));
    }

    /** DescribeThing: the thing, or ResourceNotFound. */
    public ThingRecord describeThing(String name) {
        RegistryValidation.thingName(name);
        return findThing(name).orElseThrow(() -> thingNotFound(name));
    }

    /** UpdateThing: applies {@code update} and raises the version by one. */
    public ThingRecord updateThing(String name, ThingUpdate update) {
        RegistryValidation.thingName(name);
        RegistryValidation.thingTypeName(update.thingTypeName());
        RegistryValidation.check(!(update.removeThingType() && update.thingTypeName() != null),
                "Give either a thing type name or removeThingType, not both.");
        ThingRecord result;
        synchronized (writeLock) {
            result = tx(c -> {
                ThingRecord old = ThingRows.read(c, name, this::thingArn).orElseThrow(() -> thingNotFound(name));
                checkVersion(old, update.expectedVersion());
                String type = update.removeThingType() ? null
                        : update.thingTypeName() != null ? update.thingTypeName() : old.thingTypeName();
                if (type != null && !type.equals(old.thingTypeName())) {
                    ThingTypes.requireAssignable(c, type);
                }
                Map<String, String> attrs = mergedAttributes(old.attributes(), update);
                RegistryValidation.attributes(attrs, type);
                ThingRecord updated = new ThingRecord(name, old.id(), old.arn(), type, attrs, old.version() + 1,
                        old.creationDate());
                ThingRows.update(c, updated);
                return updated;
            });
        }
        accessChanged();
        return result;
    }

    /** DeleteThing: succeeds when the thing does not exist; refused while principals are attached. */
    public void deleteThing(String name, Long expectedVersion) {
        RegistryValidation.thingName(name);
        synchronized (writeLock) {
            tx(c -> {
                Optional<ThingRecord> thing = ThingRows.read(c, name, this::thingArn);
                if (thing.isEmpty()) {
                    return null;
                }
                checkVersion(thing.get(), expectedVersion);
                if (!PrincipalRows.ofThing(c, name, null, 1).isEmpty()) {
                    throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Cannot delete. Thing " + name
                            + " is still attached to one or more principals. Detach them first.");
                }
                ThingRows.delete(c, name);
                return null;
            });
        }
        accessChanged();
    }

    /** ListThings: one page of things, by name. */
    public Page<ThingRecord> listThings(ThingFilter filter, String nextToken, Integer maxResults) {
        int size = RegistryValidation.pageSize(maxResults, "maxResults");
        RegistryValidation.check(filter.attributeValue() == null || filter.attributeName() != null,
                "An attributeValue filter needs an attributeName.");
        String after = PageTokens.decode(nextToken, "nextToken");
        List<ThingRecord> rows = tx(c -> ThingRows.list(c, filter, after, size + 1, this::thingArn));
        return page(rows, size, t -> PageTokens.encode(t.name()));
    }

    // ---------------------------------------------------------- certificates

    /** The status of certificate {@code certificateId} (lowercase hex), from memory; empty when unknown. */
    public Optional<CertificateStatus> certificateStatus(String certificateId) {
        return certificateId == null ? Optional.empty() : Optional.ofNullable(statuses.get(certificateId));
    }

    /** Registers {@code cert} in {@link CertificateMode#DEFAULT} mode; ResourceAlreadyExists when it is known. */
    public CertificateRecord registerCertificate(X509Certificate cert, CertificateStatus status,
                                                 String caCertificateIdOrNull) {
        return registerCertificate(cert, status, caCertificateIdOrNull, CertificateMode.DEFAULT);
    }

    public CertificateRecord registerCertificate(X509Certificate cert, CertificateStatus status,
                                                 String caCertificateIdOrNull, CertificateMode mode) {
        RegistryValidation.check(status != null, "A certificate needs a status.");
        String id = CertificateIds.of(cert);
        Instant now = now();
        CertificateRecord record = new CertificateRecord(id, certificateArn(id), Pem.certificate(cert), status,
                caCertificateIdOrNull, mode, now, now, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), 1, UUID.randomUUID().toString());
        synchronized (writeLock) {
            tx(c -> {
                if (CertificateRows.read(c, id, this::certificateArn).isPresent()) {
                    throw new RegistryException(AwsErrorKind.RESOURCE_ALREADY_EXISTS,
                            "The certificate is already provisioned or registered (id " + id + ").");
                }
                CertificateRows.insert(c, record);
                return null;
            });
            statuses.put(id, status);
        }
        return record;
    }

    public Optional<CertificateRecord> findCertificate(String certificateId) {
        return tx(c -> CertificateRows.read(c, certificateId, this::certificateArn));
    }

    /** DescribeCertificate: the certificate, or ResourceNotFound. */
    public CertificateRecord describeCertificate(String certificateId) {
        String id = RegistryValidation.certificateId(certificateId);
        return findCertificate(id).orElseThrow(() -> certificateNotFound(id));
    }

    /** ListCertificates: one page, by creation time (newest first unless {@code ascending}). */
    public Page<CertificateRecord> listCertificates(String marker, Integer pageSize, boolean ascending) {
        int size = RegistryValidation.pageSize(pageSize, "pageSize");
        PageTokens.TimeKey after = PageTokens.decodeTimeKey(marker, "marker");
        List<CertificateRecord> rows = tx(c -> CertificateRows.list(c, after, ascending, size + 1,
                this::certificateArn));
        return page(rows, size, r -> PageTokens.encodeTimeKey(r.creationDate().toEpochMilli(), r.id()));
    }

    /** UpdateCertificate: idempotent; listeners hear of an actual change. */
    public void updateCertificate(String certificateId, CertificateStatus newStatus) {
        String id = RegistryValidation.certificateId(certificateId);
        RegistryValidation.check(newStatus != null, "UpdateCertificate needs a newStatus.");
        RegistryValidation.check(newStatus != CertificateStatus.PENDING_TRANSFER
                        && newStatus != CertificateStatus.PENDING_ACTIVATION,
                "The status " + newStatus + " is used internally by AWS IoT and cannot be set.");
        boolean changed;
        synchronized (writeLock) {
            changed = tx(c -> {
                CertificateRecord old = CertificateRows.read(c, id, this::certificateArn)
                        .orElseThrow(() -> certificateNotFound(id));
                if (old.status() == newStatus) {
                    return false;
                }
                if (old.status() == CertificateStatus.REVOKED) {
                    throw new RegistryException(AwsErrorKind.CERTIFICATE_STATE, "Certificate " + id
                            + " is REVOKED; a revoked certificate cannot be set to " + newStatus + ".");
                }
                if (old.status() == CertificateStatus.PENDING_TRANSFER) {
                    throw new RegistryException(AwsErrorKind.CERTIFICATE_STATE, "Certificate " + id
                            + " is being transferred (PENDING_TRANSFER) and cannot change status.");
                }
                CertificateRows.updateStatus(c, new CertificateRecord(old.id(), old.arn(), old.pem(), newStatus,
                        old.caCertificateId(), old.mode(), old.creationDate(), now(), old.notBefore(),
                        old.notAfter(), old.customerVersion() + 1, UUID.randomUUID().toString()));
                return true;
            });
            if (changed) {
                statuses.put(id, newStatus);
            }
        }
        if (changed) {
            notifyListeners(id, newStatus);
        }
    }

    /** DeleteCertificate: see the class comment for the rules; listeners hear the id with a null status. */
    public void deleteCertificate(String certificateId, boolean forceDelete) {
        String id = RegistryValidation.certificateId(certificateId);
        String arn = certificateArn(id);
        synchronized (writeLock) {
            tx(c -> {
                CertificateRecord cert = CertificateRows.read(c, id, this::certificateArn)
                        .orElseThrow(() -> certificateNotFound(id));
                if (cert.status() == CertificateStatus.ACTIVE) {
                    throw new RegistryException(AwsErrorKind.CERTIFICATE_STATE,
                            "Certificate must be deactivated (not ACTIVE) before deletion. Id: " + id);
                }
                if (cert.status() == CertificateStatus.PENDING_TRANSFER) {
                    throw new RegistryException(AwsErrorKind.CERTIFICATE_STATE,
                            "Certificate is being transferred and cannot be deleted. Id: " + id);
                }
                if (!PrincipalRows.ofPrincipal(c, arn, null, 1).isEmpty()) {
                    throw new RegistryException(AwsErrorKind.DELETE_CONFLICT,
                            "Things must be detached before deletion (arn: " + arn + ")");
                }
                if (PolicyRows.countForTarget(c, arn) > 0) {
                    if (!forceDelete) {
                        throw new RegistryException(AwsErrorKind.DELETE_CONFLICT,
                                "Certificate policies must be detached before deletion (arn: " + arn + ")");
                    }
                    PolicyRows.detachAll(c, arn);
                }
                CertificateRows.delete(c, id);
                return null;
            });
            statuses.remove(id);
        }
        notifyListeners(id, null);
    }

    /**
     * Adds a listener told {@code (certificateId, newStatus)} after a certificate's status changed, and
     * {@code (certificateId, null)} after it was deleted.
     */
    public void addCertificateStatusListener(BiConsumer<String, CertificateStatus> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    // -------------------------------------------------------------- policies

    /** CreatePolicy: a new policy at version "1". */
    public PolicyRecord createPolicy(String name, String document) {
        RegistryValidation.policyName(name);
        PolicyDocuments.check(document);
        Instant now = now();
        PolicyRecord policy = new PolicyRecord(name, policyArn(name), document, POLICY_VERSION, now, now,
                UUID.randomUUID().toString());
        synchronized (writeLock) {
            return tx(c -> {
                if (PolicyRows.read(c, name, this::policyArn).isPresent()) {
                    throw new RegistryException(AwsErrorKind.RESOURCE_ALREADY_EXISTS,
                            "Policy cannot be created - name already exists (name=" + name + ")");
                }
                PolicyRows.insert(c, policy);
                PolicyVersions.created(c, name, document, now);
                return policy;
            });
        }
    }

    /**
     * CreatePolicyVersion (see {@link PolicyVersions#create}): the returned record carries the new version's id and
     * document, whether or not it became the default.
     */
    public PolicyRecord createPolicyVersion(String name, String document, boolean setAsDefault) {
        PolicyVersionRecord v = policyVersions.create(name, document, setAsDefault);
        PolicyRecord p = getPolicy(name);
        return new PolicyRecord(name, v.policyArn(), v.document(), v.versionId(), p.creationDate(),
                p.lastModifiedDate(), p.generationId());
    }

    /** GetPolicy: the policy, or ResourceNotFound. */
    public PolicyRecord getPolicy(String name) {
        RegistryValidation.policyName(name);
        return tx(c -> PolicyRows.read(c, name, this::policyArn)).orElseThrow(() -> policyNotFound(name));
    }

    /** ListPolicies: one page, by creation time (newest first unless {@code ascending}). */
    public Page<PolicyRecord> listPolicies(String marker, Integer pageSize, boolean ascending) {
        int size = RegistryValidation.pageSize(pageSize, "pageSize");
        PageTokens.TimeKey after = PageTokens.decodeTimeKey(marker, "marker");
        List<PolicyRecord> rows = tx(c -> PolicyRows.list(c, after, ascending, size + 1, this::policyArn));
        return page(rows, size, p -> PageTokens.encodeTimeKey(p.creationDate().toEpochMilli(), p.name()));
    }

    /** DeletePolicy: refused while the policy is attached to a target or has non-default versions. */
    public void deletePolicy(String name) {
        RegistryValidation.policyName(name);
        synchronized (writeLock) {
            tx(c -> {
                if (PolicyRows.read(c, name, this::policyArn).isEmpty()) {
                    throw policyNotFound(name);
                }
                if (PolicyRows.countForPolicy(c, name) > 0) {
                    throw new RegistryException(AwsErrorKind.DELETE_CONFLICT, "The policy cannot be deleted as the "
                            + "policy is attached to one or more principals (name=" + name + ")");
                }
                PolicyVersions.checkDeletable(c, name);
                PolicyRows.delete(c, name);
                return null;
            });
        }
        accessChanged();
    }

    /**
     * AttachPolicy: idempotent; {@code target} must be a certificate ARN of this registry or the ARN of an existing
     * thing group ({@link #useThingGroups}).
     */
    public void attachPolicy(String policyName, String target) {
        RegistryValidation.policyName(policyName);
        String arn = policyTarget(target);
        synchronized (writeLock) {
            tx(c -> {
                if (PolicyRows.read(c, policyName, this::policyArn).isEmpty()) {
                    throw policyNotFound(policyName);
                }
                if (arn.contains(":cert/")) {
                    requireCertificate(c, arn);
                }
                if (PolicyRows.isAttached(c, policyName, arn)) {
                    return null;
                }
                if (PolicyRows.countForTarget(c, arn) >= MAX_POLICIES_PER_TARGET) {
                    throw new RegistryException(AwsErrorKind.LIMIT_EXCEEDED, "A target can have at most "
                            + MAX_POLICIES_PER_TARGET + " policies attached; " + arn + " has them already.");
                }
                PolicyRows.attach(c, policyName, arn);
                return null;
            });
        }
        accessChanged();
    }

    /** DetachPolicy: succeeds when the policy was not attached to the target. */
    public void detachPolicy(String policyName, String target) {
        RegistryValidation.policyName(policyName);
        String arn = policyTarget(target);
        synchronized (writeLock) {
            tx(c -> {
                if (PolicyRows.read(c, policyName, this::policyArn).isEmpty()) {
                    throw policyNotFound(policyName);
                }
                PolicyRows.detach(c, policyName, arn);
                return null;
            });
        }
        accessChanged();
    }

    /**
     * Lets policies be attached to thing groups: {@code exists} says whether a thing group of that name exists.
     * Called once at start-up by the owner of the thing groups (it must not hold this registry's lock).
     */
    public void useThingGroups(java.util.function.Predicate<String> exists) {
        this.thingGroupExists = Objects.requireNonNull(exists);
    }

    /** The ARN of a thing group of this account (what AttachPolicy takes for a group). */
    public String thingGroupArn(String groupName) {
        return arnPrefix() + "thinggroup/" + groupName;
    }

    /**
     * Adds a listener told (on the changing thread, after the commit, outside the lock) of every change that can alter
     * an authorization decision: policy attachments, default versions, thing principals, things, certificates.
     */
    public void addAccessListener(Runnable listener) {
        accessListeners.add(Objects.requireNonNull(listener));
    }

    /** Tells the access listeners that decisions may have changed (also for thing-group membership changes). */
    public void accessChanged() {
        for (Runnable l : accessListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("An access listener failed", e);
            }
        }
    }

    /** A policy target: a certificate ARN of this registry or an existing thing group's ARN. */
    private String policyTarget(String target) {
        String groups = arnPrefix() + "thinggroup/";
        if (target != null && target.startsWith(groups)) {
            String name = target.substring(groups.length());
            if (!thingGroupExists.test(name)) {
                throw new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Thing group " + name
                        + " does not exist.");
            }
            return target;
        }
        RegistryValidation.check(target != null && target.startsWith(arnPrefix() + "cert/"), "The target '"
                + target + "' is not a certificate ARN or thing group ARN of the Local IoT Core; expect "
                + arnPrefix() + "cert/<certificate id> or " + groups + "<group name>.");
        return certificateArn(certificateIdOf(target, "target"));
    }

    /** ListAttachedPolicies: the policies attached to {@code target}, by name. */
    public Page<PolicyRecord> listAttachedPolicies(String target, String marker, Integer pageSize) {
        String arn = policyTarget(target);
        int size = RegistryValidation.pageSize(pageSize, "pageSize");
        String after = PageTokens.decode(marker, "marker");
        List<PolicyRecord> rows = tx(c -> {
            if (arn.contains(":cert/")) {
                requireCertificate(c, arn);
            }
            return PolicyRows.attachedTo(c, arn, after, size + 1, this::policyArn);
        });
        return page(rows, size, p -> PageTokens.encode(p.name()));
    }

    /** Every policy attached to {@code principalArn} (what the broker authorizes with); empty when unknown. */
    public List<PolicyRecord> attachedPolicies(String principalArn) {
        return tx(c -> PolicyRows.attachedTo(c, principalArn, null, Integer.MAX_VALUE, this::policyArn));
    }

    /** ListTargetsForPolicy: the targets of {@code policyName}, sorted. */
    public Page<String> listTargetsForPolicy(String policyName, String marker, Integer pageSize) {
        RegistryValidation.policyName(policyName);
        int size = RegistryValidation.pageSize(pageSize, "pageSize");
        String after = PageTokens.decode(marker, "marker");
        List<String> rows = tx(c -> {
            if (PolicyRows.read(c, policyName, this::policyArn).isEmpty()) {
                throw policyNotFound(policyName);
            }
            return PolicyRows.targetsOf(c, policyName, after, size + 1);
        });
        return page(rows, size, PageTokens::encode);
    }

    // ------------------------------------------------------ thing principals

    /** AttachThingPrincipal as {@link ThingPrincipalType#NON_EXCLUSIVE_THING}, AWS's default. */
    public void attachThingPrincipal(String thingName, String principalArn) {
        attachThingPrincipal(thingName, principalArn, ThingPrincipalType.NON_EXCLUSIVE_THING);
    }

    /** AttachThingPrincipal: idempotent; attaching again with another type changes the type. */
    public void attachThingPrincipal(String thingName, String principalArn, ThingPrincipalType type) {
        RegistryValidation.thingName(thingName);
        String arn = certificateArn(certificateIdOf(principalArn, "principal"));
        ThingPrincipalType t = type == null ? ThingPrincipalType.NON_EXCLUSIVE_THING : type;
        synchronized (writeLock) {
            tx(c -> {
                ThingRows.read(c, thingName, this::thingArn).orElseThrow(() -> thingNotFound(thingName));
                requireCertificate(c, arn);
                for (ThingPrincipal other : PrincipalRows.ofPrincipal(c, arn, null, Integer.MAX_VALUE)) {
                    if (other.thingName().equals(thingName)) {
                        continue;
                    }
                    if (t == ThingPrincipalType.EXCLUSIVE_THING || other.type() == ThingPrincipalType.EXCLUSIVE_THING) {
                        throw new RegistryException(AwsErrorKind.INVALID_REQUEST, "Principal " + arn
                                + " is already attached to thing " + other.thingName()
                                + (other.type() == ThingPrincipalType.EXCLUSIVE_THING ? " exclusively" : "")
                                + "; an exclusive attachment allows only one thing.");
                    }
                }
                PrincipalRows.attach(c, new ThingPrincipal(thingName, arn, t));
                return null;
            });
        }
        accessChanged();
    }

    /** DetachThingPrincipal: succeeds when the principal was not attached. */
    public void detachThingPrincipal(String thingName, String principalArn) {
        RegistryValidation.thingName(thingName);
        String arn = certificateArn(certificateIdOf(principalArn, "principal"));
        synchronized (writeLock) {
            tx(c -> {
                ThingRows.read(c, thingName, this::thingArn).orElseThrow(() -> thingNotFound(thingName));
                PrincipalRows.detach(c, thingName, arn);
                return null;
            });
        }
        accessChanged();
    }

    /** ListThingPrincipals: the principals attached to {@code thingName}, sorted. */
    public Page<ThingPrincipal> listThingPrincipals(String thingName, String nextToken, Integer maxResults) {
        RegistryValidation.thingName(thingName);
        int size = RegistryValidation.pageSize(maxResults, "maxResults");
        String after = PageTokens.decode(nextToken, "nextToken");
        List<ThingPrincipal> rows = tx(c -> {
            ThingRows.read(c, thingName, this::thingArn).orElseThrow(() -> thingNotFound(thingName));
            return PrincipalRows.ofThing(c, thingName, after, size + 1);
        });
        return page(rows, size, p -> PageTokens.encode(p.principal()));
    }

    /** ListPrincipalThings: the things {@code principalArn} is attached to, by name. */
    public Page<ThingPrincipal> listPrincipalThings(String principalArn, String nextToken, Integer maxResults) {
        String arn = certificateArn(certificateIdOf(principalArn, "principal"));
        int size = RegistryValidation.pageSize(maxResults, "maxResults");
        String after = PageTokens.decode(nextToken, "nextToken");
        List<ThingPrincipal> rows = tx(c -> {
            requireCertificate(c, arn);
            return PrincipalRows.ofPrincipal(c, arn, after, size + 1);
        });
        return page(rows, size, p -> PageTokens.encode(p.thingName()));
    }

    /** Names of the things {@code principalArn} is attached to (for the broker's policy variables); may be empty. */
    public List<String> thingsOfPrincipal(String principalArn) {
        return tx(c -> PrincipalRows.ofPrincipal(c, principalArn, null, Integer.MAX_VALUE)).stream()
                .map(ThingPrincipal::thingName).toList();
    }

    // --------------------------------------------------------------- helpers

    private String arnPrefix() {
        return "arn:aws:iot:" + region + ":" + accountId + ":";
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** The certificate id in a certificate ARN of this registry; InvalidRequest for anything else. */
    private String certificateIdOf(String arn, String parameter) {
        String prefix = arnPrefix() + "cert/";
        RegistryValidation.check(arn != null && arn.startsWith(prefix), "The " + parameter + " '" + arn
                + "' is not a certificate ARN of the Local IoT Core; expect " + prefix + "<certificate id>.");
        return RegistryValidation.certificateId(arn.substring(prefix.length()));
    }

    private void requireCertificate(Connection c, String arn) throws SQLException {
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        if (CertificateRows.read(c, id, this::certificateArn).isEmpty()) {
            throw certificateNotFound(id);
        }
    }

    private static void checkVersion(ThingRecord thing, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != thing.version()) {
            throw new RegistryException(AwsErrorKind.VERSION_CONFLICT, "The version for thing " + thing.name()
                    + " does not match the expected version (expected " + expectedVersion + ", current "
                    + thing.version() + ").");
        }
    }

    private static Map<String, String> mergedAttributes(Map<String, String> old, ThingUpdate update) {
        if (update.attributes() == null) {
            return old;
        }
        Map<String, String> result = update.merge() ? new TreeMap<>(old) : new TreeMap<>();
        update.attributes().forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }

    private static <T> Page<T> page(List<T> rows, int size, Function<T, String> token) {
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<T> items = new ArrayList<>(rows.subList(0, size));
        return new Page<>(items, token.apply(items.get(size - 1)));
    }

    private void notifyListeners(String certificateId, CertificateStatus status) {
        accessChanged();
        for (BiConsumer<String, CertificateStatus> l : listeners) {
            try {
                l.accept(certificateId, status);
            } catch (RuntimeException e) {
                LOG.warn("A certificate status listener failed for {}", certificateId, e);
            }
        }
    }

    private <T> T tx(LocalCoreDatabase.Work<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new RegistryException(AwsErrorKind.INTERNAL_FAILURE,
                    "The Local IoT Core database failed: " + e.getMessage(), e);
        }
    }

    private static RegistryException thingNotFound(String name) {
        return new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Thing " + name + " cannot be found.");
    }

    private static RegistryException certificateNotFound(String id) {
        return new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Certificate " + id + " does not exist.");
    }

    private static RegistryException policyNotFound(String name) {
        return new RegistryException(AwsErrorKind.RESOURCE_NOT_FOUND, "Policy " + name + " does not exist.");
    }
}
