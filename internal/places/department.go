package places

// Departments, as the first characters of a postcode and of an INSEE
// commune code give them. The two codes agree for almost every commune,
// with three differences handled here: Corsica is 20 in postcodes and 2A or
// 2B in INSEE codes; overseas departments and collectivities take three
// digits (971 to 988); and Saint-Barthélemy (INSEE 977) and Saint-Martin
// (INSEE 978) kept the postcodes of Guadeloupe (971).

// postcodeDepartment returns the department of a valid postcode: "51",
// "20" for Corsica, "974" for La Réunion.
func postcodeDepartment(cp string) string {
	if cp[:2] == "97" || cp[:2] == "98" {
		return cp[:3]
	}
	return cp[:2]
}

// inseeDepartment returns the department of a valid INSEE commune code in
// the writing of postcodes: "2A004" gives "20", "97701" gives "971".
func inseeDepartment(insee string) string {
	switch d := insee[:2]; d {
	case "2A", "2B":
		return "20"
	case "97", "98":
		if d3 := insee[:3]; d3 != "977" && d3 != "978" {
			return d3
		}
		return "971"
	default:
		return d
	}
}
