package io.jenkins.plugins.imagepromotion.steps;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import org.junit.jupiter.api.Test;

/** The controller side of the ledger options: a signing key without an environment is refused before any lookup. */
class PromoteImageStepLedgerTest {
    @Test
    void aSigningKeyWithoutAnEnvironmentIsRefused() {
        PromoteImageStep step = new PromoteImageStep("reg.example.com/app:1.0");
        step.setTarget("reg.example.com/app:prod");
        step.setSigningKeyCredentialsId("ledger-key");

        // No build is needed to refuse it: the check comes before the credential lookup and the run URL.
        AbortException e = assertThrows(AbortException.class,
                () -> PromoteImageStep.ledgerOptions(step, step.arguments(), null));

        assertTrue(e.getMessage().contains("add environment: '<name>' or drop signingKeyCredentialsId"), e.getMessage());
    }
}
