package checks

import "testing"

func TestSoft404Title(t *testing.T) {
	for _, s := range []string{
		"Page not found", "404", "  404 Not Found", "404 - Page", "Error 404", "ERROR 404", "This page does not exist",
		"The page doesn’t seem to exist", "Content could not be found", "Nothing found", "Nothing was found for x",
		"Page not available", "Seite nicht gefunden", "Page introuvable", "Page non trouvée", "PAGE NON TROUVÉE",
		"Página no encontrada", "No se encontró la página", "Pagina non trovata", "Pagina niet gevonden",
		"Página não encontrada", "Strony nie znaleziono", "Page does not exiſt", "Python 3.11 documentation",
		"found", "4040 items", "", "Foundations", "available",
	} {
		if got, want := soft404Title(s), notFoundTitle.MatchString(s); got != want {
			t.Errorf("soft404Title(%q) = %v, notFoundTitle matches: %v", s, got, want)
		}
	}
}
