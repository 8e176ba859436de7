export function Citizen() { return <h1>Citizen</h1>; }
