package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.CertificateRecord;
import io.iotworkbench.localcore.registry.CertificateStatus;
import io.iotworkbench.localcore.registry.Page;
import io.iotworkbench.localcore.registry.Registry;

import static io.iotworkbench.localcore.api.ControlPlaneJson.putTime;

/**
 * The certificate operations of the control plane (CreateKeysAndCertificate, CreateCertificateFromCsr,
 * RegisterCertificateWithoutCA, DescribeCertificate, ListCertificates, UpdateCertificate, DeleteCertificate) in AWS's
 * rest-json shapes. Without {@code setAsActive=true} new certificates are INACTIVE, as on AWS; RegisterCertificate-
 * WithoutCA without a status registers INACTIVE too. Thread-safe (stateless over the registry and issuer).
 */
final class CertificateRoutes {

    private final Registry registry;
    private final CertificateIssuer issuer;

    CertificateRoutes(Registry registry, CertificateIssuer issuer) {
        this.registry = registry;
        this.issuer = issuer;
    }

    void register(Router router, String service) {
        router.add("POST", "/keys-and-certificate", service, this::createKeysAndCertificate)
                .add("POST", "/certificates", service, this::createCertificateFromCsr)
                .add("POST", "/certificate/register-no-ca", service, this::registerWithoutCa)
                .add("GET", "/certificates/{certificateId}", service, this::describeCertificate)
                .add("GET", "/certificates", service, this::listCertificates)
                .add("PUT", "/certificates/{certificateId}", service, this::updateCertificate)
                .add("DELETE", "/certificates/{certificateId}", service, this::deleteCertificate);
    }

    private ApiResponse createKeysAndCertificate(ApiRequest request) {
        CertificateIssuer.KeysAndCertificate created = issuer.createKeysAndCertificate(initialStatus(request));
        ObjectNode node = created(created.certificate());
        node.putObject("keyPair").put("PublicKey", created.publicKeyPem()).put("PrivateKey", created.privateKeyPem());
        return ApiResponse.json(node);
    }

    private ApiResponse createCertificateFromCsr(ApiRequest request) {
        String csr = ControlPlaneJson.required(request.jsonString("certificateSigningRequest"),
                "certificateSigningRequest");
        return ApiResponse.json(created(issuer.createCertificateFromCsr(csr, initialStatus(request))));
    }

    private ApiResponse registerWithoutCa(ApiRequest request) {
        String pem = ControlPlaneJson.required(request.jsonString("certificatePem"), "certificatePem");
        CertificateStatus status = ControlPlaneJson.enumValue(CertificateStatus.class, request.jsonString("status"),
                "status", CertificateStatus.INACTIVE);
        CertificateRecord cert = issuer.registerWithoutCa(pem, status);
        return ApiResponse.json(ApiResponse.object().put("certificateArn", cert.arn())
                .put("certificateId", cert.id()));
    }

    private ApiResponse describeCertificate(ApiRequest request) {
        CertificateRecord c = registry.describeCertificate(request.label("certificateId"));
        ObjectNode node = ApiResponse.object();
        ObjectNode d = node.putObject("certificateDescription").put("certificateArn", c.arn())
                .put("certificateId", c.id());
        if (c.caCertificateId() != null) {
            d.put("caCertificateId", c.caCertificateId());
        }
        d.put("status", c.status().name()).put("certificatePem", c.pem()).put("ownedBy", registry.accountId());
        putTime(d, "creationDate", c.creationDate());
        putTime(d, "lastModifiedDate", c.lastModifiedDate());
        d.put("customerVersion", c.customerVersion()).put("generationId", c.generationId());
        ObjectNode validity = d.putObject("validity");
        putTime(validity, "notBefore", c.notBefore());
        putTime(validity, "notAfter", c.notAfter());
        d.put("certificateMode", c.mode().name());
        return ApiResponse.json(node);
    }

    private ApiResponse listCertificates(ApiRequest request) {
        Page<CertificateRecord> page = registry.listCertificates(request.query("marker"),
                request.queryInt("pageSize"), request.queryBoolean("isAscendingOrder", false));
        ObjectNode node = ApiResponse.object();
        ArrayNode list = node.putArray("certificates");
        for (CertificateRecord c : page.items()) {
            ObjectNode item = list.addObject().put("certificateArn", c.arn()).put("certificateId", c.id())
                    .put("status", c.status().name()).put("certificateMode", c.mode().name());
            putTime(item, "creationDate", c.creationDate());
        }
        if (page.nextToken() != null) {
            node.put("nextMarker", page.nextToken());
        }
        return ApiResponse.json(node);
    }

    private ApiResponse updateCertificate(ApiRequest request) {
        CertificateStatus status = ControlPlaneJson.enumValue(CertificateStatus.class,
                ControlPlaneJson.required(request.query("newStatus"), "newStatus"), "newStatus", null);
        registry.updateCertificate(request.label("certificateId"), status);
        return ApiResponse.empty();
    }

    private ApiResponse deleteCertificate(ApiRequest request) {
        registry.deleteCertificate(request.label("certificateId"), request.queryBoolean("forceDelete", false));
        return ApiResponse.empty();
    }

    private static CertificateStatus initialStatus(ApiRequest request) {
        return request.queryBoolean("setAsActive", false) ? CertificateStatus.ACTIVE : CertificateStatus.INACTIVE;
    }

    private static ObjectNode created(CertificateRecord c) {
        return ApiResponse.object().put("certificateArn", c.arn()).put("certificateId", c.id())
                .put("certificatePem", c.pem());
    }
}
