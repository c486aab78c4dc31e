import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates FHIR R4 resources against the core R4 profiles with HAPI FHIR's
 * instance validator, offline (no terminology server).
 *
 * Usage: Validate FILE... where a FILE is an NDJSON file (one resource a
 * line) or a JSON file holding one resource (a Bundle is validated with its
 * entries). Prints one tab-separated line per message:
 * SEVERITY, FILE:LINE, location, message; then "graphsvc-fhir-validator: N
 * resources, E errors". Exits 0 after validating, whatever it found.
 */
public final class Validate {
    private Validate() {}

    public static void main(String[] args) throws Exception {
        FhirContext context = FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setAnyExtensionsAllowed(true);
        FhirValidator validator = context.newValidator().registerValidatorModule(module);
        int resources = 0;
        int errors = 0;
        for (String name : args) {
            Path path = Path.of(name);
            List<String> texts = new ArrayList<>();
            if (name.endsWith(".ndjson")) {
                texts.addAll(Files.readAllLines(path, StandardCharsets.UTF_8));
            } else {
                texts.add(Files.readString(path, StandardCharsets.UTF_8));
            }
            for (int line = 0; line < texts.size(); line++) {
                String text = texts.get(line);
                if (text.isBlank()) {
                    continue;
                }
                resources++;
                ValidationResult result = validator.validateWithResult(text);
                for (SingleValidationMessage message : result.getMessages()) {
                    String severity = message.getSeverity().name();
                    if (severity.equals("ERROR") || severity.equals("FATAL")) {
                        errors++;
                    }
                    System.out.println(severity + "\t" + name + ":" + (line + 1) + "\t"
                            + message.getLocationString() + "\t"
                            + message.getMessage().replace('\n', ' '));
                }
            }
        }
        System.out.println("graphsvc-fhir-validator: " + resources + " resources, " + errors + " errors");
    }
}
