package render

// UsePlans turns the plans of r's page templates on or off.
func UsePlans(r *Renderer, on bool) { r.noPlans = !on }

// HasPlan reports whether r renders pages of the template name by its
// plan: it has rendered one, and the template has a plan.
func HasPlan(r *Renderer, name string) bool {
	s := r.plans[name]
	return s != nil && s.plan.Load() != nil
}
