package identity

import "time"

// Organisation is an administration or a help structure.
type Organisation struct {
	ID   int64
	Slug string // short identifier in addresses, like "caf-rhone"
	Name string
	Kind OrgKind
}

// Membership is a staff role held in one organisation.
type Membership struct {
	OrgID   int64
	OrgSlug string
	OrgName string
	Role    Role
	// Platform is set for the platform's own organisation, whose
	// administrators run the whole platform.
	Platform bool
}

// User is an account. Every user is a citizen; staff also hold
// memberships, sorted by organisation name then role.
type User struct {
	ID          int64
	Email       string
	Name        string
	HasPassword bool
	TOTPEnabled bool
	Memberships []Membership
	CreatedAt   time.Time
}

// IsStaff tells whether u holds a role in any organisation; staff must pass
// the second factor before using the session.
func (u *User) IsStaff() bool { return len(u.Memberships) > 0 }

// NeedsSecondFactor tells whether u must pass the second factor before
// using a session: staff always, and anybody who turned it on.
func (u *User) NeedsSecondFactor() bool { return u.IsStaff() || u.TOTPEnabled }

// IsPlatformAdmin tells whether u administers the whole platform: an
// administrator of the platform's own organisation, not of any other.
func (u *User) IsPlatformAdmin() bool {
	for _, m := range u.Memberships {
		if m.Role == RoleAdmin && m.Platform {
			return true
		}
	}
	return false
}

// MayCreateIn tells whether u may create accounts and grant roles in the
// organisation orgSlug: a platform administrator anywhere, the
// administrator of an organisation only there.
func (u *User) MayCreateIn(orgSlug string) bool {
	if u.IsPlatformAdmin() {
		return true
	}
	for _, m := range u.Memberships {
		if m.Role == RoleAdmin && m.OrgSlug == orgSlug {
			return true
		}
	}
	return false
}

// HasRole tells whether u holds r in any organisation. Every user is a
// citizen.
func (u *User) HasRole(r Role) bool {
	if r == RoleCitizen {
		return true
	}
	for _, m := range u.Memberships {
		if m.Role == r {
			return true
		}
	}
	return false
}

// HasRoleIn tells whether u holds r in the organisation orgID. Citizen is
// no organisation role, so it is always false for RoleCitizen.
func (u *User) HasRoleIn(r Role, orgID int64) bool {
	for _, m := range u.Memberships {
		if m.Role == r && m.OrgID == orgID {
			return true
		}
	}
	return false
}

// Orgs returns the memberships in which u holds r.
func (u *User) Orgs(r Role) []Membership {
	var out []Membership
	for _, m := range u.Memberships {
		if m.Role == r {
			out = append(out, m)
		}
	}
	return out
}
