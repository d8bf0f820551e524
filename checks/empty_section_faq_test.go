package checks

import "testing"

// The key test in front of emptySectionFAQHeading must never hide a match.
func TestEmptySectionIsFAQHeading(t *testing.T) {
	for _, s := range []string{
		"FAQ", "FAQs", "Faq", "faqs and more", "Frequently Asked Questions", "FREQUENTLY ASKED QUESTIONS",
		"Häufig gestellte Fragen", "HÄUFIGE FRAGEN", "Preguntas frecuentes", "Questions fréquentes",
		"QUESTIONS FRÉQUENTES", "Foire aux questions", "Perguntas frequentes", "Domande frequenti",
		"Veelgestelde vragen", "Vanliga frågor", "VANLIGA FRÅGOR", "Frequently a\u017fked questions",
		"Frequently as\u212aed questions", "Preguntas frecuente\u017f", "Installation", "Asked once",
		"faqir", "The FAQ page", "", "Fragen und Antworten", "Modules — Synopsis",
	} {
		if got, want := emptySectionIsFAQHeading(s), emptySectionFAQHeading.MatchString(s); got != want {
			t.Errorf("emptySectionIsFAQHeading(%q) = %v, the regexp says %v", s, got, want)
		}
	}
}
