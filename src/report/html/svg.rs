//! The number line of a group of claims: one SVG per group, every claim's interval on a shared
//! scale, the consensus band shaded.

use super::*;

/// The group's number line: a row per source, in table order, over the span of every finite
/// end (padded), with the consensus band behind.
pub(super) fn number_line(page: &mut String, g: &Group, claims: &[Claim], rows: &[usize]) {
    const LABEL: f64 = 230.0;
    const WIDTH: f64 = 760.0;
    const ROW: f64 = 18.0;
    const TOP: f64 = 8.0;
    let (x0, x1) = (LABEL + 10.0, WIDTH - 16.0);
    let mut ends: Vec<f64> = Vec::new();
    for &i in rows {
        let iv = &claims[i].quantity.interval;
        ends.extend(iv.lo.map(|b| b.value));
        ends.extend(iv.hi.map(|b| b.value));
    }
    if let Some(b) = g.band {
        ends.extend(b.lo.map(|b| b.value));
        ends.extend(b.hi.map(|b| b.value));
    }
    let (Some(min), Some(max)) = (
        ends.iter().copied().reduce(f64::min),
        ends.iter().copied().reduce(f64::max),
    ) else {
        return;
    };
    let span = if max > min {
        max - min
    } else {
        min.abs().max(1.0) * 0.1
    };
    let (lo, hi) = (min - span * 0.08, max + span * 0.08);
    // Ends near the largest floats: no scale can place them.
    if !(hi - lo).is_finite() || hi <= lo {
        return;
    }
    let x = |v: f64| x0 + (v - lo) / (hi - lo) * (x1 - x0);
    let height = TOP + ROW * rows.len() as f64 + 26.0;
    let _ = writeln!(
        page,
        "<svg class=\"line\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" role=\"img\" aria-label=\"each source's interval on a number line\">"
    );
    let axis_y = TOP + ROW * rows.len() as f64 + 4.0;
    if let Some(b) = g.band {
        let bx0 = b.lo.map_or(x0 - 6.0, |e| x(e.value));
        let bx1 = b.hi.map_or(x1 + 6.0, |e| x(e.value));
        let _ = writeln!(
            page,
            "<rect class=\"band\" x=\"{:.1}\" y=\"{TOP:.1}\" width=\"{:.1}\" height=\"{:.1}\">\
             <title>consensus {}</title></rect>",
            bx0.min(bx1) - 1.5,
            (bx1 - bx0).abs() + 3.0,
            axis_y - TOP,
            escape(&b.to_string())
        );
    }
    for (r, &i) in rows.iter().enumerate() {
        let c = &claims[i];
        let iv = c.quantity.interval;
        let y = TOP + ROW * r as f64 + ROW / 2.0;
        let class = match g.flagged.get(&i) {
            Some((s, _)) => format!("src outlier sev-{}", s.as_str()),
            None if g.supporters.contains(&i) => "src agrees".to_string(),
            None => "src differs".to_string(),
        };
        let _ = writeln!(
            page,
            "<g class=\"{class}\"><title>{}: {} {}</title>",
            escape(&c.path),
            escape(&c.quantity.text),
            escape(&iv.to_string())
        );
        let _ = writeln!(
            page,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}:{}</text>",
            LABEL,
            y + 4.0,
            escape(&truncate(short_name(&c.path), 30)),
            c.line
        );
        if iv.is_empty() {
            page.push_str("</g>\n");
            continue;
        }
        let sx0 = iv.lo.map_or(x0 - 6.0, |e| x(e.value));
        let sx1 = iv.hi.map_or(x1 + 6.0, |e| x(e.value));
        let _ = writeln!(
            page,
            "<line x1=\"{sx0:.1}\" y1=\"{y:.1}\" x2=\"{sx1:.1}\" y2=\"{y:.1}\"/>"
        );
        // Ends: a dot for closed, a ring for open, an arrowhead for unbounded.
        for (end, at, dir) in [(iv.lo, sx0, -1.0), (iv.hi, sx1, 1.0)] {
            match end {
                Some(b) if b.inclusive => {
                    let _ = writeln!(
                        page,
                        "<circle class=\"closed\" cx=\"{at:.1}\" cy=\"{y:.1}\" r=\"3.5\"/>"
                    );
                }
                Some(_) => {
                    let _ = writeln!(
                        page,
                        "<circle class=\"open\" cx=\"{at:.1}\" cy=\"{y:.1}\" r=\"3.5\"/>"
                    );
                }
                None => {
                    let tip = at + dir * 2.0;
                    let _ = writeln!(
                        page,
                        "<path class=\"unbounded\" d=\"M{tip:.1},{y:.1} L{:.1},{:.1} L{:.1},{:.1} Z\"/>",
                        tip - dir * 8.0,
                        y - 4.5,
                        tip - dir * 8.0,
                        y + 4.5
                    );
                }
            }
        }
        page.push_str("</g>\n");
    }
    // The axis, with its ends and middle labelled.
    let _ = writeln!(
        page,
        "<line class=\"axis\" x1=\"{x0:.1}\" y1=\"{axis_y:.1}\" x2=\"{x1:.1}\" y2=\"{axis_y:.1}\"/>"
    );
    for v in [min, (min + max) / 2.0, max] {
        if max == min && v != min {
            continue;
        }
        let _ = writeln!(
            page,
            "<line class=\"tick\" x1=\"{0:.1}\" y1=\"{axis_y:.1}\" x2=\"{0:.1}\" y2=\"{1:.1}\"/>\
             <text class=\"tick\" x=\"{0:.1}\" y=\"{2:.1}\" text-anchor=\"middle\">{3}</text>",
            x(v),
            axis_y + 4.0,
            axis_y + 17.0,
            escape(&compact(round_label(v, max - min)))
        );
    }
    page.push_str("</svg>\n");
}

/// A tick label: large values with a scale word ("28 bn"), others with thousands separators.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, " tn")
    } else if a >= 1e9 {
        (v / 1e9, " bn")
    } else if a >= 1e6 {
        (v / 1e6, " m")
    } else {
        (v, "")
    };
    let text = fmt_num(crate::quantity::interval::tidy(
        (scaled * 1000.0).round() / 1000.0,
    ));
    // Thousands separators in the integer part of plain values (years stay as they are).
    let grouped = if suffix.is_empty() && a >= 10_000.0 {
        let (int, frac) = text
            .split_once('.')
            .map_or((text.as_str(), ""), |(i, f)| (i, f));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut g = String::new();
        for (k, ch) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                g.push(',');
            }
            g.push(ch);
        }
        format!("{sign}{g}{}{frac}", if frac.is_empty() { "" } else { "." })
    } else {
        text
    };
    format!("{grouped}{suffix}")
}

/// A tick value rounded to what the span makes meaningful.
fn round_label(v: f64, span: f64) -> f64 {
    if span <= 0.0 || !v.is_finite() {
        return v;
    }
    let step = 10f64.powf((span.log10() - 2.0).floor());
    if step > 0.0 && step.is_finite() {
        (v / step).round() * step
    } else {
        v
    }
}
