package brazeserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/brazelint/brazelint/brazeserver"
)

// A test starts the server, points its Braze client at it, sends, and checks
// what the server received.
func Example() {
	braze := brazeserver.New(brazeserver.Options{APIKeys: []string{"test-key"}})
	srv := httptest.NewServer(braze)
	defer srv.Close()

	// The code under test would build this request with srv.URL as its
	// Braze REST endpoint.
	body := `{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/messages/send", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer test-key")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)

	for _, r := range braze.Requests().Requests {
		fmt.Println(r.Method, r.Path, r.Verdict, r.Body == body)
	}
	// Output:
	// 201 Created
	// POST /messages/send accepted true
}
