//! Map projections: Lambert conformal conic (GRS80 ellipsoid) and equirectangular, in metres.
//!
//! Projected space has x growing east and y growing north; the frame transforms in
//! [`super::layout`] flip y for SVG.

use crate::model;
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};

/// GRS80 semi-major axis, metres.
pub const GRS80_A: f64 = 6_378_137.0;
/// GRS80 inverse flattening.
pub const GRS80_INV_F: f64 = 298.257_222_101;
/// Mean Earth radius (IUGG), metres; used by the equirectangular projection.
pub const EARTH_MEAN_RADIUS: f64 = 6_371_008.8;

/// Below this |n| a "cone" is a cylinder and the conic formulas blow up.
const MIN_CONE_CONSTANT: f64 = 1e-9;

/// Why a [`model::Projection`] cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectionError {
    #[error("the projection's {what} is not a finite number")]
    NotFinite { what: &'static str },
    #[error("the projection's {what} latitude {value}° must be strictly between -90° and 90°")]
    LatitudeOutOfRange { what: &'static str, value: f64 },
    #[error(
        "the standard parallels {}° and {}° are symmetric about the equator, which gives no cone; \
         use an equirectangular projection or move the parallels",
        parallels[0], parallels[1]
    )]
    SymmetricParallels { parallels: [f64; 2] },
}

/// A ready-to-use projection: constants are precomputed so [`Projector::project`] is cheap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projector {
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Conic(Conic),
    Equirectangular { lon0: f64, cos_lat0: f64 },
}

/// Lambert conformal conic, EPSG method 9802 (two standard parallels) on an ellipsoid.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Conic {
    e: f64,
    n: f64,
    /// a·F, so that r = a·F·tⁿ.
    a_f: f64,
    r0: f64,
    lon0: f64,
    false_easting: f64,
    false_northing: f64,
}

impl Projector {
    /// Builds the projection a dataset asks for, rejecting parameters that cannot work.
    ///
    /// The conic uses the GRS80 ellipsoid, so parameters equal to Lambert-93's give Lambert-93
    /// (minus the false origin, which fitting removes anyway); at screen scale it is
    /// indistinguishable from the spherical form.
    pub fn new(projection: &model::Projection) -> Result<Projector, ProjectionError> {
        match projection {
            model::Projection::ConicConformal { parallels, origin } => {
                finite(parallels[0], "first standard parallel")?;
                finite(parallels[1], "second standard parallel")?;
                finite(origin[0], "origin longitude")?;
                finite(origin[1], "origin latitude")?;
                open_latitude(parallels[0], "first standard parallel")?;
                open_latitude(parallels[1], "second standard parallel")?;
                open_latitude(origin[1], "origin")?;
                let conic = Conic::grs80(*parallels, *origin, 0.0, 0.0);
                if !(conic.n.abs() >= MIN_CONE_CONSTANT
                    && conic.a_f.is_finite()
                    && conic.r0.is_finite())
                {
                    return Err(ProjectionError::SymmetricParallels {
                        parallels: *parallels,
                    });
                }
                Ok(Projector {
                    kind: Kind::Conic(conic),
                })
            }
            model::Projection::Equirectangular { origin } => {
                finite(origin[0], "origin longitude")?;
                finite(origin[1], "origin latitude")?;
                open_latitude(origin[1], "origin")?;
                Ok(Projector::equirectangular_unchecked(*origin))
            }
        }
    }

    /// Exact Lambert-93 (EPSG:2154), false easting and northing included.
    pub fn lambert93() -> Projector {
        Projector {
            kind: Kind::Conic(Conic::grs80(
                [44.0, 49.0],
                [3.0, 46.5],
                700_000.0,
                6_600_000.0,
            )),
        }
    }

    /// An equirectangular projection centred on `origin`; the latitude is clamped away from the
    /// poles so this never fails (used for inset boxes, whose centre comes from data).
    pub fn equirectangular_centred(origin: model::LonLat) -> Projector {
        let lon = if origin[0].is_finite() {
            origin[0]
        } else {
            0.0
        };
        let lat = if origin[1].is_finite() {
            origin[1].clamp(-89.0, 89.0)
        } else {
            0.0
        };
        Projector::equirectangular_unchecked([lon, lat])
    }

    fn equirectangular_unchecked(origin: model::LonLat) -> Projector {
        Projector {
            kind: Kind::Equirectangular {
                lon0: origin[0].to_radians(),
                cos_lat0: origin[1].to_radians().cos(),
            },
        }
    }

    /// Projects `[lon, lat]` (degrees) to `[x, y]` (metres, y north). `None` when the input is not
    /// finite, the latitude is beyond ±90°, or the point cannot be shown (a conic's far pole).
    pub fn project(&self, lonlat: model::LonLat) -> Option<[f64; 2]> {
        let [lon, lat] = lonlat;
        if !(lon.is_finite() && lat.is_finite()) || lat.abs() > 90.0 {
            return None;
        }
        let lambda = lon.to_radians();
        let phi = lat.to_radians();
        let out = match &self.kind {
            Kind::Conic(c) => c.project(lambda, phi)?,
            Kind::Equirectangular { lon0, cos_lat0 } => [
                EARTH_MEAN_RADIUS * wrap_pi(lambda - lon0) * cos_lat0,
                EARTH_MEAN_RADIUS * phi,
            ],
        };
        (out[0].is_finite() && out[1].is_finite()).then_some(out)
    }

    /// The cone constant n for a conic (sin of the latitude where the cone touches), `None` for
    /// the equirectangular projection.
    pub fn cone_constant(&self) -> Option<f64> {
        match &self.kind {
            Kind::Conic(c) => Some(c.n),
            Kind::Equirectangular { .. } => None,
        }
    }
}

impl Conic {
    fn grs80(
        parallels: [f64; 2],
        origin: [f64; 2],
        false_easting: f64,
        false_northing: f64,
    ) -> Conic {
        let f = 1.0 / GRS80_INV_F;
        let e = (2.0 * f - f * f).sqrt();
        let a = GRS80_A;
        let phi1 = parallels[0].to_radians();
        let phi2 = parallels[1].to_radians();
        let phi0 = origin[1].to_radians();
        let (m1, m2) = (m_of(phi1, e), m_of(phi2, e));
        let (t1, t2, t0) = (t_of(phi1, e), t_of(phi2, e), t_of(phi0, e));
        // Equal parallels: the tangent cone, whose constant is the limit sin φ.
        let n = if (phi1 - phi2).abs() < 1e-12 {
            phi1.sin()
        } else {
            (m1.ln() - m2.ln()) / (t1.ln() - t2.ln())
        };
        let a_f = a * m1 / (n * t1.powf(n));
        let r0 = a_f * t0.powf(n);
        Conic {
            e,
            n,
            a_f,
            r0,
            lon0: origin[0].to_radians(),
            false_easting,
            false_northing,
        }
    }

    fn project(&self, lambda: f64, phi: f64) -> Option<[f64; 2]> {
        // The pole opposite the apex maps to infinity.
        if (self.n > 0.0 && phi <= -FRAC_PI_2 + 1e-12) || (self.n < 0.0 && phi >= FRAC_PI_2 - 1e-12)
        {
            return None;
        }
        // t^n as exp(−n·ψ), ψ the isometric latitude: one exp and two logs per vertex instead
        // of a tangent and two powers (wasm has no native ones; this is most of a map's build).
        let r = self.a_f * (-self.n * isometric_latitude(phi, self.e)).exp();
        let theta = self.n * wrap_pi(lambda - self.lon0);
        Some([
            self.false_easting + r * theta.sin(),
            self.false_northing + self.r0 - r * theta.cos(),
        ])
    }
}

fn m_of(phi: f64, e: f64) -> f64 {
    let s = phi.sin();
    phi.cos() / (1.0 - e * e * s * s).sqrt()
}

/// ψ = atanh(sin φ) − e·atanh(e·sin φ), so that t_of(φ) = exp(−ψ); +∞ at the north pole.
fn isometric_latitude(phi: f64, e: f64) -> f64 {
    let s = phi.sin();
    0.5 * (((1.0 + s) / (1.0 - s)).ln() - e * ((1.0 + e * s) / (1.0 - e * s)).ln())
}

fn t_of(phi: f64, e: f64) -> f64 {
    let s = phi.sin();
    (FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - e * s) / (1.0 + e * s)).powf(e / 2.0)
}

/// Wraps an angle difference into [-π, π] so the seam sits opposite the central meridian.
fn wrap_pi(x: f64) -> f64 {
    if (-PI..=PI).contains(&x) {
        x
    } else {
        (x + PI).rem_euclid(2.0 * PI) - PI
    }
}

fn finite(value: f64, what: &'static str) -> Result<(), ProjectionError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(ProjectionError::NotFinite { what })
    }
}

fn open_latitude(value: f64, what: &'static str) -> Result<(), ProjectionError> {
    if value.abs() < 90.0 {
        Ok(())
    } else {
        Err(ProjectionError::LatitudeOutOfRange { what, value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longitude_differences_wrap_to_the_short_way_round() {
        assert!((wrap_pi(3.0 * PI / 2.0) + PI / 2.0).abs() < 1e-12);
        assert!((wrap_pi(-3.0 * PI / 2.0) - PI / 2.0).abs() < 1e-12);
        assert_eq!(wrap_pi(0.5), 0.5);
    }

    #[test]
    fn the_apex_pole_projects_to_a_single_point() {
        let p = Projector::lambert93();
        let a = p.project([0.0, 90.0]);
        let b = p.project([120.0, 90.0]);
        assert!(a.is_some() && b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            assert!((a[0] - b[0]).abs() < 1e-6 && (a[1] - b[1]).abs() < 1e-6);
        }
    }

    #[test]
    fn the_isometric_latitude_gives_the_conic_t_at_every_latitude() {
        let e = (2.0 / GRS80_INV_F - 1.0 / (GRS80_INV_F * GRS80_INV_F)).sqrt();
        for tenth in -899..=899 {
            let phi = (f64::from(tenth) / 10.0).to_radians();
            let (t, from_psi) = (t_of(phi, e), (-isometric_latitude(phi, e)).exp());
            // Near the poles 1 ± sin φ loses a few digits in either form.
            assert!(
                (t - from_psi).abs() <= 1e-10 * t,
                "{tenth}: {t} vs {from_psi}"
            );
        }
        assert_eq!((-isometric_latitude(FRAC_PI_2, e)).exp(), 0.0);
    }
}
