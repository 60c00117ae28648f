package main

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Messages for failures that have no field to sit next to.
const (
	msgOffline     = "Cannot reach the server. Check your connection, then try again."
	msgUnavailable = "The service is unavailable right now. Try again in a moment."
	msgSessionEnd  = "Your session has ended or expired. Log in again to continue; nothing you typed is lost."
)

// describeError turns a failed call into a sentence for the user. The
// argument operation names the failed operation, such as "Saving the to-do".
func describeError(operation string, err error) string {
	var e *apiError
	if !errors.As(err, &e) {
		return operation + " failed."
	}

	switch {
	case e.Status == 0:
		return operation + " failed. " + msgOffline
	case e.Status == 400 || e.Status == 404 || e.Status == 409 || e.Status == 413:
		if e.Detail != "" {
			return operation + " failed: " + e.Detail
		}
		return operation + " failed: the server rejected the request."
	case e.Status == 429:
		return operation + " failed: " + waitMessage(e.RetryAfter)
	case e.Status == 503:
		return operation + " failed. " + msgUnavailable
	case e.Status >= 500:
		return fmt.Sprintf("%s failed: the server had a problem (status %d). Try again.", operation, e.Status)
	default:
		return fmt.Sprintf("%s failed (status %d).", operation, e.Status)
	}
}

// waitMessage returns how long the user must wait after being throttled.
func waitMessage(seconds int) string {
	switch {
	case seconds <= 0:
		return "Too many attempts. Wait a little, then try again."
	case seconds == 1:
		return "Too many attempts. Try again in 1 second."
	case seconds < 120:
		return fmt.Sprintf("Too many attempts. Try again in %d seconds.", seconds)
	default:
		return fmt.Sprintf("Too many attempts. Try again in %d minutes.", (seconds+59)/60)
	}
}

func isUnauthorized(err error) bool {
	var e *apiError
	return errors.As(err, &e) && e.Status == 401
}

func isNotFound(err error) bool {
	var e *apiError
	return errors.As(err, &e) && e.Status == 404
}

// shortTitle cuts a to-do title to 60 characters for use inside a message.
func shortTitle(title string) string {
	const max = 60
	if utf8.RuneCountInString(title) <= max {
		return title
	}
	return string([]rune(title)[:max-1]) + "…"
}
