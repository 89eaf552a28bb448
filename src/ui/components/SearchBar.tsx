/**
 * The search bar above a list (Personen, a campaign's members): no visible label — its placeholder
 * says what it finds, its accessible name what it searches.
 */
export function SearchBar({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="search">
      <input
        autoComplete="off"
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
