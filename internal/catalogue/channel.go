package catalogue

// The kinds of Channel.
const (
	ChannelOnline   = "online"    // on Guichet itself
	ChannelExternal = "external"  // on another site, at URL
	ChannelInPerson = "in_person" // at a counter
	ChannelPhone    = "phone"     // by phone, at Phone
	ChannelPost     = "post"      // by post, to Address
)

// ChannelKinds lists the kinds of Channel, the ways without internet last so that forms list
// them in a steady order.
func ChannelKinds() []string {
	return []string{ChannelOnline, ChannelExternal, ChannelInPerson, ChannelPhone, ChannelPost}
}

// ChannelLabel names a kind of channel in French, as a heading: "Sur place".
func ChannelLabel(kind string) string {
	switch kind {
	case ChannelOnline:
		return "En ligne, ici sur Guichet"
	case ChannelExternal:
		return "En ligne, sur un autre site"
	case ChannelInPerson:
		return "Sur place, à un accueil"
	case ChannelPhone:
		return "Par téléphone"
	case ChannelPost:
		return "Par courrier"
	}
	return kind
}

// Offline tells whether a channel needs no internet: in person, by phone or by post.
func (c Channel) Offline() bool {
	return c.Kind == ChannelInPerson || c.Kind == ChannelPhone || c.Kind == ChannelPost
}
