package places

import (
	"math"
	"slices"
)

// earthRadiusKm is the mean radius of the Earth.
const earthRadiusKm = 6371.0088

// DistanceKm returns the great-circle distance between two points given in
// degrees (haversine formula).
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// box is a latitude and longitude range around a point; noLon is set when
// the circle reaches a pole or crosses the 180th meridian, where the
// longitude cannot bound it.
type box struct {
	minLat, maxLat, minLon, maxLon float64
	noLon                          bool
}

// boundingBox returns the smallest box holding every point within radiusKm
// of (lat, lon).
func boundingBox(lat, lon, radiusKm float64) box {
	dLat := radiusKm / earthRadiusKm * 180 / math.Pi
	b := box{minLat: lat - dLat, maxLat: lat + dLat}
	if b.minLat <= -90 || b.maxLat >= 90 {
		b.noLon = true
		return b
	}
	// The widest longitude span is at the latitude nearest a pole.
	widest := math.Max(math.Abs(b.minLat), math.Abs(b.maxLat)) * math.Pi / 180
	dLon := math.Asin(math.Min(1, math.Sin(radiusKm/earthRadiusKm)/math.Cos(widest))) * 180 / math.Pi
	b.minLon, b.maxLon = lon-dLon, lon+dLon
	if b.minLon < -180 || b.maxLon > 180 {
		b.noLon = true
	}
	return b
}

type point struct{ lat, lon float64 }

// centroid returns the mean of points, leaving out those farther than
// outlierKm from their component-wise median, so that one place with wrong
// coordinates does not move a town.
func centroid(points []point, outlierKm float64) point {
	lats := make([]float64, len(points))
	lons := make([]float64, len(points))
	for i, p := range points {
		lats[i], lons[i] = p.lat, p.lon
	}
	slices.Sort(lats)
	slices.Sort(lons)
	med := point{lats[len(lats)/2], lons[len(lons)/2]}
	var sum point
	n := 0
	for _, p := range points {
		if DistanceKm(p.lat, p.lon, med.lat, med.lon) <= outlierKm {
			sum.lat += p.lat
			sum.lon += p.lon
			n++
		}
	}
	if n == 0 {
		return med
	}
	return point{sum.lat / float64(n), sum.lon / float64(n)}
}
