package identity

import (
	"strconv"
	"strings"
	"time"
)

// DeviceTTL is how long a browser stays known after a sign-in.
const DeviceTTL = 365 * 24 * time.Hour

// DeviceToken returns the value of a long-lived cookie that marks the
// browser where user userID just signed in as one of their usual devices.
// It is sealed with the instance key, so it cannot be forged or moved to
// another account, and holds nothing secret once opened.
func (s *Service) DeviceToken(userID int64) string {
	return s.box.Seal([]byte("device:" + strconv.FormatInt(userID, 10) + ":" + strconv.FormatInt(s.now().Unix(), 10)))
}

// knownDevice tells whether token is a DeviceToken of user userID younger
// than DeviceTTL.
func (s *Service) knownDevice(token string, userID int64) bool {
	if token == "" || userID == 0 {
		return false
	}
	plain, err := s.box.Open(token)
	if err != nil {
		return false
	}
	parts := strings.Split(string(plain), ":")
	if len(parts) != 3 || parts[0] != "device" || parts[1] != strconv.FormatInt(userID, 10) {
		return false
	}
	issued, err := strconv.ParseInt(parts[2], 10, 64)
	return err == nil && s.now().Before(time.Unix(issued, 0).Add(DeviceTTL))
}
