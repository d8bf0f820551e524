// Command serve serves a folder on a loopback address, for benchmarks on
// machines without nginx.
//
//	go run ./bench/serve DIR 127.0.0.1:8080
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: serve DIR ADDR")
		os.Exit(2)
	}
	srv := &http.Server{Addr: os.Args[2], Handler: http.FileServer(http.Dir(os.Args[1])), ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}
