package identity

// Role is what a person may do on Guichet. Every account is a citizen;
// the other roles are held in an organisation (a Membership).
type Role string

// The roles of DESIGN.md §1.
const (
	RoleCitizen        Role = "citizen"
	RoleMediator       Role = "mediator"
	RoleAgent          Role = "agent"
	RoleProcedureOwner Role = "procedure_owner"
	RoleObservatory    Role = "observatory"
	RoleAdmin          Role = "admin"
)

// Roles lists every role, citizen first, in the order pages show them.
func Roles() []Role {
	return []Role{RoleCitizen, RoleMediator, RoleAgent, RoleProcedureOwner, RoleObservatory, RoleAdmin}
}

// RoleLabel returns the French name of r shown to people, or r itself when
// r is not a known role.
func RoleLabel(r Role) string {
	switch r {
	case RoleCitizen:
		return "Usager"
	case RoleMediator:
		return "Médiateur"
	case RoleAgent:
		return "Agent"
	case RoleProcedureOwner:
		return "Responsable de démarche"
	case RoleObservatory:
		return "Observatoire"
	case RoleAdmin:
		return "Administrateur"
	}
	return string(r)
}

// Valid tells whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles() {
		if r == x {
			return true
		}
	}
	return false
}

// OrgKind tells an administration from a help structure.
type OrgKind string

// The kinds of organisations.
const (
	KindAdministration OrgKind = "administration" // CAF, CPAM, prefecture, town hall…
	KindHelpStructure  OrgKind = "help_structure" // France Services, EPN, CCAS, association…
)

// OrgKindLabel returns the French name of k shown to people.
func OrgKindLabel(k OrgKind) string {
	switch k {
	case KindAdministration:
		return "Administration"
	case KindHelpStructure:
		return "Structure d'aide"
	}
	return string(k)
}

// Valid tells whether k is a known kind of organisation.
func (k OrgKind) Valid() bool { return k == KindAdministration || k == KindHelpStructure }

// allowedIn tells whether a staff role may be held in an organisation of
// kind k: mediators work in help structures, agents and procedure owners in
// administrations; observatory and admin roles fit both.
func (r Role) allowedIn(k OrgKind) bool {
	switch r {
	case RoleMediator:
		return k == KindHelpStructure
	case RoleAgent, RoleProcedureOwner:
		return k == KindAdministration
	case RoleObservatory, RoleAdmin:
		return true
	}
	return false
}
