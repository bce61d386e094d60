package avro

import (
	"strconv"
	"strings"
)

// canonicalForm returns the Parsing Canonical Form of s as the Avro
// specification defines it. The form keeps only full names and the
// attributes name, type, fields, symbols, items, values and size, in that
// order. Primitives take their simple form and there is no white space. A
// named type is written out at its first use and by full name after that.
//
// goavro v2.15 computes its own canonical form, which keeps the
// {"type":"long"} wrapper of logical types and names decimals
// "bytes.decimal", so its Rabin fingerprints differ from other Avro
// implementations. This package computes both from the specification.
func canonicalForm(s *schema) string {
	var b strings.Builder
	writeCanonical(&b, s, map[string]bool{})
	return b.String()
}

func writeCanonical(b *strings.Builder, s *schema, seen map[string]bool) {
	if s.name != "" && seen[s.name] {
		b.WriteString(strconv.Quote(s.name))
		return
	}
	switch s.kind {
	case "record":
		seen[s.name] = true
		b.WriteString(`{"name":` + strconv.Quote(s.name) + `,"type":"record","fields":[`)
		for i, f := range s.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"name":` + strconv.Quote(f.name) + `,"type":`)
			writeCanonical(b, f.typ, seen)
			b.WriteByte('}')
		}
		b.WriteString("]}")
	case "enum":
		seen[s.name] = true
		b.WriteString(`{"name":` + strconv.Quote(s.name) + `,"type":"enum","symbols":[`)
		for i, sym := range s.symbols {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(sym))
		}
		b.WriteString("]}")
	case "fixed":
		seen[s.name] = true
		b.WriteString(`{"name":` + strconv.Quote(s.name) + `,"type":"fixed","size":` + strconv.Itoa(s.size) + "}")
	case "array":
		b.WriteString(`{"type":"array","items":`)
		writeCanonical(b, s.items, seen)
		b.WriteByte('}')
	case "map":
		b.WriteString(`{"type":"map","values":`)
		writeCanonical(b, s.values, seen)
		b.WriteByte('}')
	case "union":
		b.WriteByte('[')
		for i, br := range s.branches {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, br, seen)
		}
		b.WriteByte(']')
	default:
		b.WriteString(strconv.Quote(s.kind))
	}
}

// rabinEmpty is the CRC-64-AVRO fingerprint of the empty input, the seed of
// the Avro specification's Rabin fingerprint algorithm.
const rabinEmpty uint64 = 0xc15d213aa4d7a795

var rabinTable = func() [256]uint64 {
	var t [256]uint64
	for i := range t {
		fp := uint64(i)
		for range 8 {
			fp = (fp >> 1) ^ (rabinEmpty & -(fp & 1))
		}
		t[i] = fp
	}
	return t
}()

// Fingerprint returns the CRC-64-AVRO (Rabin) fingerprint of data, which for
// schemas is computed over the Parsing Canonical Form.
func Fingerprint(data []byte) uint64 {
	fp := rabinEmpty
	for _, c := range data {
		fp = (fp >> 8) ^ rabinTable[byte(fp)^c]
	}
	return fp
}
